"""The demo consortium of the story: 44 members, the catalogue, six buyers and their orders."""

from birlik.demo.build import demo_buyers, demo_catalogue, demo_members, demo_orders, load_demo

__all__ = ["demo_buyers", "demo_catalogue", "demo_members", "demo_orders", "load_demo"]
