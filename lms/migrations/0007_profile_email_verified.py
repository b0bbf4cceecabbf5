from django.db import migrations, models


class Migration(migrations.Migration):
    # Existing accounts start unverified: nobody ever checked their addresses, and a contact
    # request puts the address in front of a partner. Their next request asks for the link.
    # The demo loader marks its own accounts verified (courses/demo/accounts.py).
    dependencies = [
        ("lms", "0006_reflection"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="verified_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="verified email"),
        ),
        migrations.AddField(
            model_name="profile",
            name="email_verified_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="email verified"),
        ),
    ]
