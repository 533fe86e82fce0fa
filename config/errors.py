from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    """A Dutch page instead of Django's English one; the reason stays in the logs."""
    return render(request, "403_csrf.html", status=403)
