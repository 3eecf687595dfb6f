from django.apps import AppConfig


class RuleKindsConfig(AppConfig):
    name = "tests.rulekinds"
    label = "rulekinds"
    default_auto_field = "django.db.models.BigAutoField"
