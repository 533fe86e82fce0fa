"""How a version's status reads on every page: who made it final, on which decision."""

from django import template

from reports.selectors import final_text

register = template.Library()

register.filter("final_text", final_text)
