from django.db import migrations

# Deleting an order deletes its lines in the database itself, also for rows
# deleted outside Django; the check still waits for the end of the
# transaction, like Django's own foreign keys.
ADD = """
ALTER TABLE shop.order_line
  ADD CONSTRAINT order_line_order_id_fkey FOREIGN KEY (order_id)
      REFERENCES shop."order" (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
"""


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0002_customer_total_view"),
    ]

    operations = [
        migrations.RunSQL(ADD, "ALTER TABLE shop.order_line DROP CONSTRAINT order_line_order_id_fkey"),
    ]
