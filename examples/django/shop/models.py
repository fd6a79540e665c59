"""The shop's models.

Every table lives in the PostgreSQL schema "shop" (a quoted db_table names
the schema; migration 0001 creates it). Customer, Product, Order and
OrderLine are managed by Django; CustomerTotal is read from a view that
migration 0002 creates with RunSQL.
"""
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=100)
    email = models.CharField(max_length=254, unique=True)

    class Meta:
        db_table = '"shop"."customer"'


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        db_table = '"shop"."product"'


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT)
    placed_at = models.DateTimeField()

    class Meta:
        db_table = '"shop"."order"'


class OrderLine(models.Model):
    # Django cannot declare ON DELETE CASCADE in the database: it makes no
    # constraint here and migration 0003 adds one with RunSQL.
    order = models.ForeignKey(Order, on_delete=models.CASCADE, db_constraint=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.IntegerField()

    class Meta:
        db_table = '"shop"."order_line"'


class CustomerTotal(models.Model):
    """Read-only: the view shop.customer_total (migration 0002)."""

    customer = models.OneToOneField(Customer, on_delete=models.DO_NOTHING, primary_key=True)
    orders = models.IntegerField()
    total = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        managed = False
        db_table = '"shop"."customer_total"'
