from django.db import migrations

GROUP = "Programme team"


def create_group(apps, schema_editor):
    """The programme team's group, with everyone already on the team in it.

    Its permissions are granted after every migration (people.receivers), once they exist.
    """
    Group = apps.get_model("auth", "Group")
    Person = apps.get_model("people", "Person")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.user_set.add(*Person.objects.filter(is_staff=True))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_names_without_control_characters"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
