# Programmes and modules get a lifecycle: draft, published, retired (decision 0017).

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def statuses_from_published(apps, schema_editor):
    """What learners could see stays visible: published programmes and all existing modules
    become published; an unpublished programme becomes a draft."""
    Programme = apps.get_model("courses", "Programme")
    Module = apps.get_model("courses", "Module")
    Programme.objects.filter(is_published=True).update(status="published")
    Module.objects.update(status="published")


def published_from_statuses(apps, schema_editor):
    Programme = apps.get_model("courses", "Programme")
    Programme.objects.update(is_published=False)
    Programme.objects.filter(status="published").update(is_published=True)


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('courses', '0007_requirement'),
        ('people', '0004_programme_team_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='module',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('retired', 'retired')], default='draft', help_text='Draft: only the programme team sees it. Published: in the catalogue. Retired: out of the catalogue; learners keep their progress and credentials.', max_length=10, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='programme',
            name='status',
            field=models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('retired', 'retired')], default='draft', help_text='Draft: only the programme team sees it. Published: in the catalogue. Retired: out of the catalogue; learners keep their progress and credentials.', max_length=10, verbose_name='status'),
        ),
        migrations.RunPython(statuses_from_published, published_from_statuses),
        migrations.RemoveField(
            model_name='programme',
            name='is_published',
        ),
        migrations.AddConstraint(
            model_name='module',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'published', 'retired'])), name='module_status_known'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'published', 'retired'])), name='programme_status_known'),
        ),
        migrations.CreateModel(
            name='ProgrammeUpload',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('filename', models.CharField(max_length=255, verbose_name='file name')),
                ('content', models.BinaryField(verbose_name='content')),
                ('programmes', models.JSONField(default=list, verbose_name='programmes')),
                ('imported_at', models.DateTimeField(blank=True, null=True, verbose_name='imported at')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'programme upload',
                'verbose_name_plural': 'programme uploads',
                'ordering': ['-uploaded_at'],
            },
        ),
    ]
