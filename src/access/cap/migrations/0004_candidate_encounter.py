"""The encounter a removable interview outcome leads to (one per candidate), and the CAP
officer's grants over encounters and detainers at the team's facilities (accounts/roles.py)."""

import django.db.models.deletion
from django.db import migrations, models

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [
        ("cap", "0003_queue_decisions"),
        ("enforcement", "0003_removal_step"),
        ("detention", "0002_seed_reference_and_roles"),
        ("officers", "0007_cap_functions"),
    ]

    operations = [
        migrations.AddField(
            model_name="screeningcandidate",
            name="encounter",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cap_candidate",
                to="enforcement.encounter",
                verbose_name="encounter",
            ),
        ),
        migrations.RunPython(reseed, migrations.RunPython.noop),
    ]
