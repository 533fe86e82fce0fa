from django.contrib import admin

from .models import (
    AuditEntry,
    Bureau,
    Gemeente,
    Membership,
    PoliceUnit,
    Project,
    Provincie,
    Veiligheidsregio,
)


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "cbs_code",
        "provincie",
        "veiligheidsregio",
        "politie_eenheid",
        "inhabitants",
    ]
    list_filter = ["provincie", "veiligheidsregio", "politie_eenheid"]
    search_fields = ["name", "cbs_code"]
    readonly_fields = ["uuid", "indeling_year"]


@admin.register(PoliceUnit)
class PoliceUnitAdmin(admin.ModelAdmin):
    # Reference data: loaded by migration and by load_police_units, read here.
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    filter_horizontal = ["gemeenten"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "gemeente", "bureau", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__email", "gemeente__name", "bureau__name"]
    autocomplete_fields = ["gemeente"]
    raw_id_fields = ["user"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "gemeente", "scope", "current_step", "next_deadline"]
    list_filter = ["scope"]
    search_fields = ["name", "gemeente__name"]
    autocomplete_fields = ["gemeente"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_repr", "gemeente", "project"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_repr"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.register([Provincie, Veiligheidsregio])
