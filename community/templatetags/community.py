from django import template

register = template.Library()


@register.simple_tag
def lookup(mapping, key):
    """mapping[key] or None: for per-row values a selector computed in bulk."""
    return mapping.get(key)
