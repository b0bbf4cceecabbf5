from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0002_learners"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="revoked_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="revoked"
            ),
        ),
    ]
