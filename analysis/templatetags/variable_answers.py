"""The answers of a variable in one line, for the mapping page's list of variables."""

from django import template

from analysis.figures.answers import answers_line, weighting_note

register = template.Library()

register.filter("answers_line", answers_line)
register.filter("weighting_note", weighting_note)
