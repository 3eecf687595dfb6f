"""Course-as-code: programmes as YAML files (docs/course-as-code.schema.json), imported and exported by slug.

A programme is one file, or a folder with `programme.yaml` and one file per module (the order
given by a `modules:` list of slugs in `programme.yaml`, else by file name). Every key is checked
before anything is written; a problem is reported as `file:line: path: what is wrong` and the
whole import (several files at once, too) is one transaction: all or nothing.

Higher apps own top-level sections of a programme file through `register_section` (certification
owns `credentials:`). The format is published as docs/course-as-code.schema.json.

The modules follow the way of a file: `spec` (the keys, the sections, the error), `reading`
(YAML to a document with the line of every value), `checking`, `writing` (into the database:
import, check, preview) and `dumping` (export). Callers import this package.
"""

from .checking import check_documents
from .dumping import export_folder, export_text, programme_data, to_yaml
from .reading import (
    MAX_FILE_BYTES,
    Document,
    parse_file,
    parse_folder,
    parse_path,
    parse_text,
    text_path,
)
from .spec import (
    AUDIENCE_SPEC,
    FOLDER_PROGRAMME_FILE,
    LESSON_SPEC,
    LIFECYCLE_KEY,
    MODULE_SPEC,
    PROGRAMME_SPEC,
    SECTIONS,
    STEP_KEYS,
    CourseCodeError,
    register_section,
)
from .writing import (
    OUTCOMES,
    ImportResult,
    check,
    import_documents,
    import_path,
    import_paths,
    preview,
)

__all__ = [
    "AUDIENCE_SPEC",
    "FOLDER_PROGRAMME_FILE",
    "LESSON_SPEC",
    "LIFECYCLE_KEY",
    "MAX_FILE_BYTES",
    "MODULE_SPEC",
    "OUTCOMES",
    "PROGRAMME_SPEC",
    "SECTIONS",
    "STEP_KEYS",
    "CourseCodeError",
    "Document",
    "ImportResult",
    "check",
    "check_documents",
    "export_folder",
    "export_text",
    "import_documents",
    "import_path",
    "import_paths",
    "parse_file",
    "parse_folder",
    "parse_path",
    "parse_text",
    "preview",
    "programme_data",
    "register_section",
    "text_path",
    "to_yaml",
]
