"""A readable reference of the API, built from its OpenAPI document for a plain HTML page."""

from dataclasses import dataclass, field

from .api import api

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    description: str
    type: str


@dataclass
class Operation:
    id: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter] = field(default_factory=list)
    body: str = ""
    responses: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Group:
    name: str
    operations: list[Operation] = field(default_factory=list)


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    return str(schema.get("type", "any"))


def build() -> list[Group]:
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    groups: dict[str, Group] = {}
    for path, operations in document["paths"].items():
        for method in METHODS:
            spec = operations.get(method)
            if spec is None:
                continue
            tag = (spec.get("tags") or ["api"])[0]
            body = spec.get("requestBody", {}).get("content", {})
            operation = Operation(
                id=spec.get("operationId", f"{method}-{path}"),
                method=method.upper(),
                path=path,
                summary=spec.get("summary", ""),
                description=spec.get("description", ""),
                parameters=[
                    Parameter(
                        name=parameter["name"],
                        where=parameter["in"],
                        required=parameter.get("required", False),
                        description=parameter.get("description", "")
                        or parameter.get("schema", {}).get("description", ""),
                        type=_type(parameter.get("schema", {})),
                    )
                    for parameter in spec.get("parameters", [])
                ],
                body=", ".join(
                    f"{media}: {_type(content.get('schema', {}))}"
                    for media, content in body.items()
                ),
                responses=[
                    (status, answer.get("description", ""))
                    for status, answer in spec.get("responses", {}).items()
                ],
            )
            groups.setdefault(tag, Group(name=tag)).operations.append(operation)
    return list(groups.values())
