import json

from django.core.management.base import BaseCommand

from ...schema import programme_schema


class Command(BaseCommand):
    help = "Print the JSON Schema of course-as-code (docs/course-as-code.schema.json)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(programme_schema(), indent=2, ensure_ascii=False))
