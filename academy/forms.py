"""One look for every form: `{{ form }}` renders through the academy's form and field templates."""

from django.forms.renderers import DjangoTemplates


class AcademyFormRenderer(DjangoTemplates):
    form_template_name = "academy/forms/form.html"
    field_template_name = "academy/forms/field.html"
