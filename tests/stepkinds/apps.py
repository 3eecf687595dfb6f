from django.apps import AppConfig


class StepKindsConfig(AppConfig):
    name = "tests.stepkinds"
    label = "stepkinds"
    default_auto_field = "django.db.models.BigAutoField"
