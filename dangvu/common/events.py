"""Every kind of change the audit trail records, once, with its label (as Zulip names its
audit events in one enum). Services pass a member of `Event`; pages show its label, never
the code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    # The tree
    ORG_CREATED = "organizations.org.created", _("Thành lập tổ chức")
    ORG_RENAMED = "organizations.org.renamed", _("Đổi tên tổ chức")
    ORG_MOVED = "organizations.org.moved", _("Chuyển trực thuộc")
    ORG_RECLASSIFIED = "organizations.org.reclassified", _("Đổi loại tổ chức")
    ORG_MERGED = "organizations.org.merged", _("Hợp nhất, sáp nhập tổ chức")
    ORG_SPLIT = "organizations.org.split", _("Chia tách tổ chức")
    ORG_DISSOLVED = "organizations.org.dissolved", _("Giải thể tổ chức")
    ORG_UNDONE = "organizations.org.undone", _("Hủy thay đổi tổ chức do hoàn tác lần nhập")
    ORGS_EXPORTED = "organizations.exported", _("Xuất danh sách tổ chức")
    ADMISSION_AUTHORITY_GRANTED = (
        "organizations.admission_authority.granted",
        _("Ủy quyền đảng ủy cơ sở kết nạp đảng viên"),
    )
    ADMISSION_AUTHORITY_WITHDRAWN = (
        "organizations.admission_authority.withdrawn",
        _("Thu hồi ủy quyền kết nạp đảng viên"),
    )
    # The registry
    REGISTERED = "members.member.registered", _("Ghi hồ sơ đảng viên")
    BULK_REGISTERED = "members.member.bulk_registered", _("Ghi hồ sơ hàng loạt")
    UPDATED = "members.member.updated", _("Sửa hồ sơ đảng viên")
    REVERTED = "members.member.reverted", _("Hoàn tác sửa hồ sơ")
    REGISTRATION_UNDONE = (
        "members.member.registration_undone",
        _("Hủy hồ sơ do hoàn tác lần nhập"),
    )
    MEMBERS_EXPORTED = "members.exported", _("Xuất danh sách đảng viên")
    # The lifecycle
    ADMISSION_OPENED = "members.admission.opened", _("Mở hồ sơ kết nạp")
    ADMISSION_UPDATED = "members.admission.updated", _("Cập nhật hồ sơ kết nạp")
    ADMISSION_PROPOSED = "members.admission.proposed", _("Chi bộ đề nghị kết nạp")
    ADMISSION_REVIEWED = (
        "members.admission.reviewed",
        _("Đảng ủy bộ phận thẩm định hồ sơ kết nạp"),
    )
    ADMISSION_GRASSROOTS = "members.admission.grassroots", _("Đảng ủy cơ sở đề nghị kết nạp")
    ADMISSION_DECIDED = "members.admission.decided", _("Quyết định kết nạp")
    ADMISSION_CLOSED = "members.admission.closed", _("Dừng xem xét kết nạp")
    ADMITTED = "members.member.admitted", _("Lễ kết nạp đảng viên")
    RECOGNITION_PROPOSED = (
        "members.member.recognition_proposed",
        _("Chi bộ đề nghị công nhận đảng viên chính thức"),
    )
    RECOGNITION_REVIEWED = (
        "members.member.recognition_reviewed",
        _("Đảng ủy bộ phận thẩm định đề nghị công nhận đảng viên chính thức"),
    )
    RECOGNITION_GRASSROOTS = (
        "members.member.recognition_grassroots",
        _("Đảng ủy cơ sở đề nghị công nhận đảng viên chính thức"),
    )
    RECOGNIZED = "members.member.recognized", _("Công nhận đảng viên chính thức")
    MOVED = "members.member.moved", _("Chuyển chi bộ")
    TRANSFER_STARTED = "members.transfer.started", _("Chuyển sinh hoạt đảng")
    TRANSFER_LETTER = "members.transfer.letter_issued", _("Cấp giấy giới thiệu sinh hoạt đảng")
    TRANSFER_ARRIVED = "members.transfer.arrived", _("Tiếp nhận sinh hoạt đảng")
    TRANSFER_CANCELLED = "members.transfer.cancelled", _("Hủy chuyển sinh hoạt đảng")
    RECEIVED = "members.member.received", _("Tiếp nhận đảng viên từ nơi khác")
    RETURNED = "members.member.returned", _("Trở về sau sinh hoạt tạm thời")
    EXEMPTED = "members.member.exempted", _("Miễn công tác và sinh hoạt đảng")
    EXITED = "members.member.exited", _("Ra khỏi danh sách đảng viên")
    REINSTATED = "members.member.reinstated", _("Phục hồi sau khi xóa bỏ quyết định khai trừ")
    BADGE_AWARDED = "members.member.badge_awarded", _("Trao Huy hiệu Đảng")
    PARTY_GAP_ADDED = (
        "members.party_gap.added",
        _("Ghi thời gian không tham gia sinh hoạt đảng"),
    )
    PARTY_GAP_REMOVED = (
        "members.party_gap.removed",
        _("Xóa thời gian không tham gia sinh hoạt đảng"),
    )
    CORRECTION_REQUESTED = (
        "members.correction.requested",
        _("Yêu cầu điều chỉnh hồ sơ đảng viên"),
    )
    CORRECTION_ACCEPTED = (
        "members.correction.accepted",
        _("Chấp nhận yêu cầu điều chỉnh hồ sơ"),
    )
    CORRECTION_REJECTED = (
        "members.correction.rejected",
        _("Từ chối yêu cầu điều chỉnh hồ sơ"),
    )
    # Documents, imports, accounts
    DOCUMENT_PRINTED = "documents.printed", _("In văn bản")
    TEMPLATE_UPLOADED = "documents.template_uploaded", _("Thay mẫu văn bản")
    DOCUMENT_REGISTERED = "documents.registered", _("Lấy số văn bản đi")
    SIGNER_CREATED = "documents.signer.created", _("Ghi người ký văn bản")
    SIGNER_UPDATED = "documents.signer.updated", _("Sửa người ký văn bản")
    IMPORT_UPLOADED = "imports.batch.uploaded", _("Tải tệp lên")
    IMPORT_REMAPPED = "imports.batch.remapped", _("Ghép lại cột của tệp")
    IMPORT_COMMITTED = "imports.batch.committed", _("Nhập dữ liệu từ tệp")
    IMPORT_UNDONE = "imports.batch.undone", _("Hoàn tác lần nhập")
    ROLE_ASSIGNED = "accounts.role.assigned", _("Phân công vai trò")
    ROLE_ENDED = "accounts.role.ended", _("Thôi phân công vai trò")
    ACCOUNT_CREATED = "accounts.account.created", _("Tạo tài khoản")
    ACCOUNT_LOCKED = "accounts.account.locked", _("Khóa tài khoản")
    ACCOUNT_UNLOCKED = "accounts.account.unlocked", _("Mở khóa tài khoản")
    PASSWORD_LINK_ISSUED = "accounts.password.link_issued", _("Cấp liên kết đặt lại mật khẩu")
    TWO_FACTOR_RESET = "accounts.two_factor.reset", _("Gỡ xác thực hai lớp của tài khoản")
    # Dues
    DUES_BASIS_SET = "dues.basis.set", _("Ghi căn cứ đóng đảng phí")
    DUES_RELIEF_GRANTED = "dues.relief.granted", _("Ghi quyết định miễn, giảm đảng phí")
    DUES_PAID = "dues.payment.recorded", _("Ghi đảng phí đã nộp")
    DUES_COLLECTED = "dues.payments.collected", _("Ghi đảng phí chi bộ thu trong tháng")
    DUES_PAYMENT_CORRECTED = "dues.payment.corrected", _("Sửa khoản đảng phí đã nộp")
    DUES_PAYMENT_REMOVED = "dues.payment.removed", _("Xóa khoản đảng phí đã nộp")
    DUES_PAYMENT_RESTORED = "dues.payment.restored", _("Khôi phục khoản đảng phí đã xóa")
    DUES_LEDGER_EXPORTED = "dues.ledger.exported", _("Xuất sổ đảng phí")
    # Evaluation and rating
    EVALUATION_OPENED = "evaluation.round.opened", _("Mở đợt đánh giá, xếp loại")
    EVALUATION_RATED = "evaluation.ratings.saved", _("Ghi xếp loại")
    EVALUATION_ADVANCED = "evaluation.round.advanced", _("Chuyển bước đánh giá, xếp loại")
    EVALUATION_REOPENED = "evaluation.round.reopened", _("Mở lại đợt đánh giá đã kết thúc")
    COMMENDED = "evaluation.commended", _("Quyết định khen thưởng")
    EVALUATION_EXPORTED = "evaluation.results.exported", _("Xuất kết quả đánh giá, xếp loại")
    # Inspection, supervision and discipline
    PROGRAM_CREATED = "discipline.program.created", _("Lập chương trình kiểm tra, giám sát")
    CHECK_RECORDED = "discipline.check.recorded", _("Ghi cuộc kiểm tra, giám sát")
    CHECK_CONCLUDED = "discipline.check.concluded", _("Kết luận kiểm tra, giám sát")
    RECOMMENDATION_DONE = "discipline.recommendation.done", _("Hoàn thành kiến nghị")
    COMPLAINT_RECEIVED = "discipline.complaint.received", _("Nhận đơn khiếu nại, tố cáo")
    COMPLAINT_RESOLVED = "discipline.complaint.resolved", _("Giải quyết đơn khiếu nại, tố cáo")
    DISCIPLINED = "discipline.decision.recorded", _("Ghi quyết định kỷ luật")
    APPEAL_FILED = "discipline.appeal.filed", _("Nhận khiếu nại kỷ luật")
    APPEAL_RESOLVED = "discipline.appeal.resolved", _("Giải quyết khiếu nại kỷ luật")
    # Plans, tasks and meetings
    PLAN_CREATED = "plans.plan.created", _("Lập kế hoạch năm")
    TARGET_ADDED = "plans.target.added", _("Thêm chỉ tiêu")
    TARGET_RECORDED = "plans.target.recorded", _("Ghi kết quả chỉ tiêu nhập tay")
    TASK_ADDED = "plans.task.added", _("Thêm nhiệm vụ trọng tâm")
    TASK_PROGRESS = "plans.task.progress", _("Cập nhật tiến độ nhiệm vụ")
    TASK_CLOSED = "plans.task.closed", _("Kết thúc nhiệm vụ")
    MEETING_RECORDED = "plans.meeting.recorded", _("Ghi hội nghị, sinh hoạt chi bộ")
    MEETING_ATTENDANCE = "plans.meeting.attendance", _("Điểm danh dự họp")
    MEETING_CONCLUDED = "plans.meeting.concluded", _("Ghi kết luận hội nghị")
    MEETING_PAPER_ADDED = "plans.meeting.paper_added", _("Thêm tài liệu hội nghị")
    MEETING_PAPER_REMOVED = "plans.meeting.paper_removed", _("Gỡ tài liệu hội nghị")
    # The annual report's narrative sections
    NARRATIVE_SAVED = "reports.narrative.saved", _("Ghi phần viết của báo cáo")
    NARRATIVE_RESTORED = "reports.narrative.restored", _("Khôi phục phiên bản phần viết")
    NARRATIVE_STATUS = "reports.narrative.status", _("Đổi tình trạng phần viết của báo cáo")
    NARRATIVE_COMMENTED = "reports.narrative.commented", _("Góp ý phần viết của báo cáo")
    # Logins and the second factor
    LOGGED_IN = "accounts.login.succeeded", _("Đăng nhập")
    LOGIN_FAILED = "accounts.login.failed", _("Đăng nhập không thành công")
    LOCKED_OUT = "accounts.login.locked_out", _("Tạm khóa đăng nhập vì sai nhiều lần")
    PASSWORD_CHANGED = "accounts.password.changed", _("Đổi mật khẩu")
    PASSWORD_RESET = "accounts.password.reset", _("Đặt lại mật khẩu qua thư điện tử")
    TWO_FACTOR_LINK_ISSUED = (
        "accounts.two_factor.link_issued",
        _("Cấp liên kết đăng ký xác thực hai lớp"),
    )
    TWO_FACTOR_ENROLLED = "accounts.two_factor.enrolled", _("Nhận khóa xác thực hai lớp")
    TWO_FACTOR_CONFIRMED = "accounts.two_factor.confirmed", _("Xác nhận xác thực hai lớp")
    TWO_FACTOR_PASSED = "accounts.two_factor.passed", _("Nhập đúng mã xác thực hai lớp")
    TWO_FACTOR_FAILED = "accounts.two_factor.failed", _("Nhập sai mã xác thực hai lớp")
    # The installation
    BACKUP_RESTORED = "common.backup.restored", _("Khôi phục dữ liệu từ bản sao lưu")
    SORT_KEYS_REBUILT = "common.sort_keys.rebuilt", _("Tạo lại khóa sắp xếp tiếng Việt")


# The prefix of the inspection and discipline events, which the audit trail shows only to
# those who may read the cases.
CONFIDENTIAL_EVENTS = "discipline."

# Edits of a member record's fields: what optimistic locking reports and the timeline lists.
EDITS = (Event.UPDATED, Event.REVERTED)
