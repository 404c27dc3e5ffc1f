"""Program managers and oversight auditors read the matching model card
(``records.view_matchmodelversion``, accounts/roles.py): the stored roles reseeded."""

from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_reseed_roles"),
        ("records", "0003_match_model_versions"),
    ]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
