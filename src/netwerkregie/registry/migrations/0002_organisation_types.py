from django.db import migrations


def seed(apps, schema_editor):
    from netwerkregie.registry.reference import seed_organisation_types

    seed_organisation_types(apps)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
