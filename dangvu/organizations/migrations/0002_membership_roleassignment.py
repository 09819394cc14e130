"""Memberships and role assignments move to the organizations app, with the tree they are
anchored on: the access layer reads all three. State only; the tables keep their data
(0003 renames them)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MEMBERSHIP_STARTS = [
    ("ADMITTED", "Kết nạp"),
    ("TRANSFER_IN", "Chuyển đến từ ngoài đảng bộ"),
    ("TRANSFER", "Chuyển sinh hoạt trong đảng bộ"),
    ("RESTRUCTURE", "Sắp xếp tổ chức"),
    ("REGISTERED", "Nhập hồ sơ"),
]
ROLES = [
    ("ADMIN", "Quản trị hệ thống"),
    ("LEADERSHIP", "Ban Thường vụ"),
    ("ORGANIZATION_BOARD", "Ban Tổ chức"),
    ("INSPECTION", "Ủy ban Kiểm tra"),
    ("PROPAGANDA", "Ban Tuyên giáo"),
    ("OFFICE", "Văn phòng"),
    ("SECRETARY", "Bí thư, phó bí thư"),
    ("MEMBER", "Đảng viên"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
        ("members", "0006_membership_key_indexes"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("valid_from", models.DateField()),
                        ("valid_to", models.DateField(blank=True, null=True)),
                        ("start", models.CharField(choices=MEMBERSHIP_STARTS, max_length=16)),
                        ("member", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="members.member")),
                        ("org", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="memberships", to="organizations.orgunit")),
                    ],
                    options={
                        "db_table": "members_membership",
                        "indexes": [
                            models.Index(fields=["org", "valid_from", "valid_to"], name="membership_org_period"),
                            models.Index(fields=["member", "valid_from"], name="membership_member"),
                        ],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("valid_to__isnull", True), ("valid_to__gt", models.F("valid_from")), _connector="OR"), name="membership_period_valid"),
                            models.UniqueConstraint(condition=models.Q(("valid_to__isnull", True)), fields=("member",), name="one_open_membership"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="RoleAssignment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=ROLES, max_length=24, verbose_name="vai trò")),
                        ("valid_from", models.DateField(verbose_name="từ ngày")),
                        ("valid_to", models.DateField(blank=True, null=True, verbose_name="đến ngày")),
                        ("member", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="members.member", verbose_name="đảng viên")),
                        ("org", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organizations.orgunit", verbose_name="tổ chức")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assignments", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "accounts_roleassignment",
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("role", "ADMIN"), models.Q(("member__isnull", False), ("role", "MEMBER")), models.Q(("member__isnull", True), ("org__isnull", False)), _connector="OR"), name="assignment_target_fits_role"),
                            models.CheckConstraint(condition=models.Q(("valid_to__isnull", True), ("valid_to__gt", models.F("valid_from")), _connector="OR"), name="assignment_period_valid"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
