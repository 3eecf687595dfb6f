import pytest

from api import services
from tests.courses.factories import LessonFactory, ModuleFactory, ProgrammeFactory, TextStepFactory


@pytest.fixture(autouse=True)
def _base_url(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.ACADEMY_BASE_URL = "http://testserver"


@pytest.fixture
def token_for(db):
    """A personal access token's secret for a person, read scope unless asked otherwise."""

    def make(person, scope: str = "read", **kwargs) -> str:
        return services.create_token(person=person, name="test", scope=scope, **kwargs)[1]

    return make


@pytest.fixture
def api(client, token_for):
    """Call the API as a person with a token: api(person).get(path), .post(path, json)."""

    class Caller:
        def __init__(self, secret):
            self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

        def get(self, path, **headers):
            return client.get(f"/api/v1{path}", headers={**self.headers, **headers})

        def post(self, path, data=None, **headers):
            return client.post(
                f"/api/v1{path}",
                data=data or {},
                content_type="application/json",
                headers={**self.headers, **headers},
            )

    def make(person=None, scope: str = "read"):
        return Caller(token_for(person, scope) if person is not None else None)

    return make


@pytest.fixture
def catalogue(db):
    """A published programme with two modules (the second needs the first) and a draft one."""
    programme = ProgrammeFactory(
        slug="certified", title_en="Certified", title_nl="Gecertificeerd", position=1
    )
    basics = ModuleFactory(
        programme=programme,
        slug="basics",
        title_en="Basics",
        title_nl="Basis",
        position=0,
        is_foundation=True,
        platforms=["linkedin"],
    )
    care = ModuleFactory(programme=programme, slug="care", title_en="Care", position=1)
    care.requires.add(basics)
    lesson = LessonFactory(module=basics, slug="intro", title_en="Intro", position=0)
    TextStepFactory(lesson=lesson, slug="why", title_en="Why", position=0)
    hidden = ProgrammeFactory(slug="draft", title_en="Draft", status="draft", position=2)
    ModuleFactory(programme=hidden, slug="secret", title_en="Secret")
    return {"programme": programme, "basics": basics, "care": care}
