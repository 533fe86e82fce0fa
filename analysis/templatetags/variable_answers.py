"""The answers of a variable in one line, for the mapping page's list of variables."""

from django import template

from analysis.figures.answers import answers_line, file_weighting_note

register = template.Library()

register.filter("answers_line", answers_line)
register.filter("file_weighting_note", file_weighting_note)
