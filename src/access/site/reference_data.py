"""Every row that data migrations seed, in one idempotent call.

Migrations seed roles and grants, partnership types, the first recommendation settings, the
MOA clause templates and the officer functions and courses. Tests that run against a live server flush the database between tests
and call this to put the same rows back.
"""

from __future__ import annotations

import datetime

from django.apps import apps as django_apps


def seed_reference_data() -> None:
    from access.accounts.models import Grant, Role
    from access.accounts.roles import seed_roles
    from access.agreements.clause_seed import seed_templates
    from access.agreements.models import ClauseTemplate
    from access.core.actors import SystemActor, bound_actor
    from access.detention.reference import seed as seed_detention_reference
    from access.enforcement.reference import seed as seed_enforcement_reference
    from access.officers.reference import seed as seed_officer_reference
    from access.partnerships.models import PartnershipType, RecommendationSettings
    from access.partnerships.recommend import DEFAULT_SETTINGS
    from access.partnerships.reference import seed_types

    seed_roles(Role, Grant)
    seed_types(PartnershipType)
    seed_officer_reference(django_apps, None)
    seed_enforcement_reference(django_apps, None)
    seed_detention_reference(django_apps, None)
    with bound_actor(SystemActor("reference data")):
        seed_templates(ClauseTemplate)
    if not RecommendationSettings.objects.exists():
        # The same row migration 0004 writes; it is reference data, not a program action.
        RecommendationSettings.objects.bulk_create(
            [
                RecommendationSettings(
                    effective_from=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
                    settings=DEFAULT_SETTINGS,
                    note="Initial rules and weights.",
                    created_by_name="system: initial settings",
                )
            ]
        )
