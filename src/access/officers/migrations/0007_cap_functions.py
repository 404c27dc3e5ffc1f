"""The CAP team model's functions (interview, detainer) and its course, so the one authority
check applies to CAP officers who record an encounter or issue a detainer."""

from django.db import migrations

from access.officers.reference import seed


class Migration(migrations.Migration):
    dependencies = [
        ("officers", "0006_officer_user_and_training_classes"),
        ("partnerships", "0005_challenges_blank"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
