"""restrict(user, action): the single authorization path of every read and write."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from crossroads.core.models import AuditEvent
from crossroads.core.permissions import CHANGE, VIEW, can
from crossroads.reference.choices import PartnerKind, RegionKind
from crossroads.reference.models import Country, Partner, Region
from crossroads.testing.base import CrossroadsTestCase
from crossroads.users.models import User


class RestrictTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.home_partner = Partner.objects.create(
            name="Home Ministry", kind=PartnerKind.GOVERNMENT, country=cls.home_country)
        cls.other_partner = Partner.objects.create(
            name="Other Ministry", kind=PartnerKind.GOVERNMENT, country=cls.other_country)
        cls.donor = Partner.objects.create(name="Donor Fund", kind=PartnerKind.DONOR)
        cls.event = AuditEvent.objects.create(
            user=cls.owner, user_name="owner", action=AuditEvent.Action.VIEW,
            object_type=ContentType.objects.get_for_model(Partner), object_id="1",
            object_repr="something")
        cls.superuser = cls.make_user("root", None)
        cls.superuser.is_superuser = True
        cls.superuser.save()

    def names(self, user: object, action: str = VIEW) -> set[str]:
        return set(Partner.objects.restrict(user, action).values_list("name", flat=True))

    # Who gets nothing

    def test_an_anonymous_user_sees_nothing(self) -> None:
        self.assertEqual(self.names(AnonymousUser()), set())
        self.assertEqual(self.names(None), set())

    def test_an_inactive_user_sees_nothing_even_with_a_permission(self) -> None:
        self.grant(self.owner, Partner, VIEW)
        self.assertEqual(len(self.names(self.owner)), 3)
        self.owner.is_active = False
        self.owner.save()
        self.assertEqual(self.names(self.owner), set())

    def test_an_inactive_superuser_sees_nothing(self) -> None:
        self.superuser.is_active = False
        self.assertEqual(self.names(self.superuser), set())

    def test_a_user_without_a_permission_sees_nothing(self) -> None:
        self.assertEqual(self.names(self.owner), set())
        self.assertFalse(can(self.owner, Partner, VIEW))

    def test_a_permission_for_one_action_grants_no_other(self) -> None:
        self.grant(self.owner, Partner, VIEW)
        self.assertEqual(self.names(self.owner, CHANGE), set())

    def test_a_disabled_permission_grants_nothing(self) -> None:
        permission = self.grant(self.owner, Partner, VIEW)
        permission.enabled = False
        permission.save()
        self.owner.__dict__.pop("_crossroads_permission_cache", None)
        self.assertEqual(self.names(self.owner), set())

    # Superusers

    def test_a_superuser_sees_every_record_of_a_non_sensitive_model(self) -> None:
        self.assertEqual(self.names(self.superuser),
                         {"Home Ministry", "Other Ministry", "Donor Fund"})
        self.assertEqual(len(self.names(self.superuser, CHANGE)), 3)

    def test_a_superuser_sees_no_sensitive_record_without_an_explicit_grant(self) -> None:
        self.assertFalse(AuditEvent.objects.restrict(self.superuser, VIEW).exists())
        self.assertFalse(can(self.superuser, AuditEvent, VIEW))

    def test_a_superuser_with_an_explicit_grant_sees_sensitive_records(self) -> None:
        self.grant(self.superuser, AuditEvent, VIEW)
        self.assertEqual(list(AuditEvent.objects.restrict(self.superuser, VIEW)), [self.event])

    def test_an_unconstrained_grant_shows_every_record(self) -> None:
        self.grant(self.owner, Partner, VIEW)
        self.assertEqual(len(self.names(self.owner)), 3)

    # Constraints

    def test_a_constraint_limits_the_records(self) -> None:
        self.grant(self.owner, Partner, VIEW, {"kind": PartnerKind.DONOR})
        self.assertEqual(self.names(self.owner), {"Donor Fund"})

    def test_user_tokens_resolve_to_the_users_own_organisation_country(self) -> None:
        self.grant(self.owner, Partner, VIEW, {"country": "$user.organisation.country"})
        self.grant(self.outsider, Partner, VIEW, {"country": "$user.organisation.country"})
        self.assertEqual(self.names(self.owner), {"Home Ministry"})
        self.assertEqual(self.names(self.outsider), {"Other Ministry"})

    def test_the_user_country_token_follows_the_organisation(self) -> None:
        self.grant(self.owner, Partner, VIEW, {"country": "$user.country"})
        self.assertEqual(self.names(self.owner), {"Home Ministry"})

    def test_the_bare_user_token_is_the_user(self) -> None:
        Partner.objects.filter(pk=self.donor.pk).update(created_by=self.owner)
        self.grant(self.owner, Partner, VIEW, {"created_by": "$user"})
        self.grant(self.colleague, Partner, VIEW, {"created_by": "$user"})
        self.assertEqual(self.names(self.owner), {"Donor Fund"})
        self.assertEqual(self.names(self.colleague), set())

    def test_a_user_token_in_a_constraint_on_users_names_the_organisation(self) -> None:
        self.grant(self.owner, User, VIEW, {"organisation": "$user.organisation"})
        self.assertEqual(set(User.objects.restrict(self.owner, VIEW)), {self.owner, self.colleague})

    def test_a_token_that_resolves_to_nothing_matches_nothing_it_should_not(self) -> None:
        lonely = self.make_user("lonely", None)
        self.grant(lonely, Partner, VIEW, {"country": "$user.organisation.country"})
        # No organisation: the token is None, which matches no partner with a country.
        self.assertEqual(self.names(lonely) & {"Home Ministry", "Other Ministry"}, set())

    def test_tokens_inside_lists_are_resolved(self) -> None:
        self.grant(self.owner, Partner, VIEW,
                   {"country__in": ["$user.organisation.country"]})
        self.assertEqual(self.names(self.owner), {"Home Ministry"})

    def test_constraint_dictionaries_are_or_ed_and_their_keys_and_ed(self) -> None:
        self.grant(self.owner, Partner, VIEW, [
            {"kind": PartnerKind.DONOR},
            {"kind": PartnerKind.GOVERNMENT, "country": "$user.organisation.country"},
        ])
        self.assertEqual(self.names(self.owner), {"Donor Fund", "Home Ministry"})

    def test_grants_from_two_permissions_add_up(self) -> None:
        self.grant(self.owner, Partner, VIEW, {"kind": PartnerKind.DONOR})
        self.grant(self.owner, Partner, VIEW, {"name": "Other Ministry"})
        self.assertEqual(self.names(self.owner), {"Donor Fund", "Other Ministry"})

    def test_an_unconstrained_grant_wins_over_a_constrained_one(self) -> None:
        self.grant(self.owner, Partner, VIEW, {"kind": PartnerKind.DONOR})
        self.grant(self.owner, Partner, VIEW)
        self.assertEqual(len(self.names(self.owner)), 3)

    def test_a_role_grants_its_permissions_to_its_users(self) -> None:
        from crossroads.users.models import Role

        permission = self.grant(self.colleague, Partner, VIEW, {"kind": PartnerKind.DONOR})
        permission.users.clear()
        role = Role.objects.create(name="Donor watcher", slug="donor-watcher")
        role.permissions.add(permission)
        self.owner.roles.add(role)
        self.assertEqual(self.names(self.owner), {"Donor Fund"})

    def test_a_constraint_naming_a_missing_field_grants_nothing(self) -> None:
        self.grant(self.owner, Partner, VIEW, {"no_such_field": 1})
        self.assertEqual(self.names(self.owner), set())

    def test_constraints_across_relations_do_not_duplicate_rows(self) -> None:
        # Moldova sits in two sub-regions: a join through "regions" yields it twice.
        for code in ("east", "danube"):
            region = Region.objects.create(code=code, name=code, kind=RegionKind.SUBREGION)
            region.countries.add(self.home_country)
        self.grant(self.owner, Country, VIEW, {"regions__kind": RegionKind.SUBREGION})
        visible = list(Country.objects.restrict(self.owner, VIEW))
        self.assertEqual(visible, [self.home_country])
        self.assertEqual(Country.objects.restrict(self.owner, VIEW).count(), 1)

    def test_or_ed_constraints_across_relations_do_not_duplicate_rows(self) -> None:
        region = Region.objects.create(code="east", name="East", kind=RegionKind.SUBREGION)
        region.countries.add(self.home_country, self.other_country)
        self.grant(self.owner, Country, VIEW,
                   [{"regions__code": "east"}, {"regions__kind": RegionKind.SUBREGION}])
        self.assertEqual(Country.objects.restrict(self.owner, VIEW).count(), 2)
