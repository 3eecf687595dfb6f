import pytest

from core import home


def test_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="Unknown home role"):
        home.register("visitor", lambda request: [])


def test_every_app_contributes_its_sections_to_the_role_homes():
    registered = {role: [f.__module__ for f in fs] for role, fs in home._registry.items()}
    assert "courses.home" in registered["learner"]
    assert "certification.home" in registered["learner"]
    assert "insights.home" in registered["lead"] and "insights.home" in registered["programme"]
    assert registered["all"] == ["policies.home", "community.home"]
