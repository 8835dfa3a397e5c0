//! The open data's columns: every column of `tasks.csv` (and field of `tasks.json`), in
//! order, with its meaning. The exports ([`crate::export::data`]) write them; the portal's
//! open-data page and the README list them.

/// The columns of `tasks.csv` (and fields of `tasks.json`), in order, with their meaning:
/// shown on the portal's open-data page and in the README.
pub const COLUMNS: [(&str, &str); 33] = [
    (
        "plan",
        concat!(
            "địa chỉ (slug) của kế hoạch: ",
            crate::urls::plans_folder!(),
            "/<plan>/"
        ),
    ),
    ("plan_number", "số hiệu kế hoạch, trống nếu chưa có số"),
    ("plan_title", "trích yếu kế hoạch"),
    ("issuer", "cơ quan ban hành"),
    (
        "plan_date",
        "ngày ban hành, YYYY-MM-DD (hoặc YYYY-MM khi chưa điền ngày)",
    ),
    ("group_no", "số La Mã của nhóm nhiệm vụ"),
    ("group_title", "tên nhóm nhiệm vụ"),
    ("task_no", "số thứ tự nhiệm vụ như trong văn bản"),
    ("task_id", "mã neo của nhiệm vụ trên trang kế hoạch"),
    (
        "url",
        "địa chỉ của nhiệm vụ (tuyệt đối nếu cổng có base_url)",
    ),
    ("content", "nội dung nhiệm vụ"),
    (
        "lead",
        "cơ quan chủ trì như văn bản ghi, cách nhau bởi \"; \"",
    ),
    (
        "lead_units",
        "tên chuẩn của các đơn vị chủ trì nhận ra được",
    ),
    ("support", "cơ quan phối hợp như văn bản ghi"),
    (
        "support_units",
        "tên chuẩn của các đơn vị phối hợp nhận ra được",
    ),
    (
        "due",
        "thời hạn đang áp dụng: như văn bản ghi, hoặc như văn bản gia hạn ghi",
    ),
    (
        "due_kind",
        "loại thời hạn: none, date, month, quarter, half_year, year, range, ongoing, recurring, conditional, unknown",
    ),
    ("due_start", "ngày đầu của khoảng thời hạn, YYYY-MM-DD"),
    ("due_end", "ngày cuối của thời hạn, YYYY-MM-DD"),
    ("due_time", "giờ của thời hạn, HH:MM"),
    ("due_condition", "điều kiện kèm thời hạn, như văn bản ghi"),
    ("output", "sản phẩm"),
    ("leader", "lãnh đạo chỉ đạo"),
    (
        "status",
        "tình trạng: not_updated, not_started, in_progress, done, cancelled",
    ),
    ("overdue", "true nếu đã quá thời hạn mà chưa hoàn thành"),
    (
        "timeliness",
        "tiến độ so với thời hạn: done_on_time (hoàn thành đúng hạn), done_late (hoàn thành quá hạn), open_on_time (đang thực hiện trong hạn), open_overdue (quá hạn chưa hoàn thành); trống với nhiệm vụ thường xuyên, định kỳ, có điều kiện, không có thời hạn hoặc dừng thực hiện",
    ),
    (
        "completed",
        "ngày hoàn thành, YYYY-MM-DD (của lần cập nhật báo hoàn thành, hoặc ngày ghi ở completed)",
    ),
    (
        "due_original",
        "thời hạn như kế hoạch ghi, khi đã được gia hạn (trống nếu chưa gia hạn)",
    ),
    (
        "extended_by",
        "số văn bản gia hạn thời hạn đang áp dụng (trống nếu chưa gia hạn)",
    ),
    ("percent", "phần trăm hoàn thành theo lần cập nhật gần nhất"),
    ("last_update", "ngày cập nhật tiến độ gần nhất"),
    ("last_note", "ghi chú của lần cập nhật gần nhất"),
    ("last_link", "tài liệu kèm theo lần cập nhật gần nhất"),
];
