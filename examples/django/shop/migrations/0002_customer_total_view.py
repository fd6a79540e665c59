from django.db import migrations

# CustomerTotal is unmanaged: Django only reads it. The view behind it is
# made here, in SQL.
VIEW = """
CREATE VIEW shop.customer_total AS
SELECT c.id AS customer_id,
       count(DISTINCT o.id)::integer AS orders,
       coalesce(sum(l.quantity * p.price), 0)::numeric(12,2) AS total
  FROM shop.customer c
  LEFT JOIN shop."order" o ON o.customer_id = c.id
  LEFT JOIN shop.order_line l ON l.order_id = o.id
  LEFT JOIN shop.product p ON p.id = l.product_id
 GROUP BY c.id
"""


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(VIEW, "DROP VIEW shop.customer_total"),
    ]
