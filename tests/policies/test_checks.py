from policies.checks import grace_days_valid


def test_a_sensible_grace_period_passes(settings):
    settings.ACADEMY_POLICY_GRACE_DAYS = 30
    assert grace_days_valid(None) == []


def test_a_negative_grace_period_is_reported(settings):
    settings.ACADEMY_POLICY_GRACE_DAYS = -1
    [error] = grace_days_valid(None)
    assert error.id == "policies.E001"
