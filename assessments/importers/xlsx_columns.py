"""The Excel template: one row per question, Vietnamese headers.

| header            | meaning                                                                   |
|-------------------|---------------------------------------------------------------------------|
| Mã câu hỏi        | optional ID number; a row with a known ID number updates that question    |
| Tên câu hỏi       | short name (default: the start of the question text)                      |
| Loại              | single, multiple, truefalse, ordering, matching, shortanswer, numerical,   |
|                   | essay, description (or the Vietnamese words below)                        |
| Nội dung câu hỏi  | the question text (HTML allowed)                                          |
| Phương án         | one option per line; ordering: the items in the right order; matching:    |
|                   | "prompt -> answer" per line                                               |
| Đáp án            | single: a letter (A); multiple: letters (A, C); truefalse: Đúng or Sai;   |
|                   | shortanswer: accepted answers separated by "|"; numerical: 3.5, 3.5±0.1    |
|                   | or 1..5                                                                   |
| Phản hồi chung    | general feedback shown after the attempt                                  |
| Năng lực          | competency codes separated by commas (ND.1.1, ND.5.3)                     |
| Đối tượng         | audience codes separated by commas (resident, student, official, worker) |
| Độ khó            | 1, 2 or 3                                                                  |
| Điểm              | points (default 1)                                                         |
| Danh mục          | category path, "A/B"                                                       |
| Thẻ               | tags separated by commas                                                   |
"""

from django.utils.translation import gettext_noop

COLUMNS = [
    ("idnumber", "Mã câu hỏi"),
    ("name", "Tên câu hỏi"),
    ("qtype", "Loại"),
    ("stem", "Nội dung câu hỏi"),
    ("options", "Phương án"),
    ("answer", "Đáp án"),
    ("general_feedback", "Phản hồi chung"),
    ("competencies", "Năng lực"),
    ("audiences", "Đối tượng"),
    ("difficulty", "Độ khó"),
    ("points", "Điểm"),
    ("category", "Danh mục"),
    ("tags", "Thẻ"),
]
HEADER_TO_KEY = {header.lower(): key for key, header in COLUMNS}

QTYPE_WORDS = {
    "một lựa chọn": "single",
    "nhiều lựa chọn": "multiple",
    "đúng/sai": "truefalse",
    "đúng sai": "truefalse",
    "sắp xếp": "ordering",
    "ghép nối": "matching",
    "trả lời ngắn": "shortanswer",
    "số": "numerical",
    "tự luận": "essay",
    "mô tả": "description",
}
TRUE_WORDS = {"đúng", "true", "t", "d", "dung"}
FALSE_WORDS = {"sai", "false", "f", "s"}

XLSX_MESSAGES = {
    "xlsx_unreadable": gettext_noop("the file is not an Excel workbook (.xlsx)"),
    "xlsx_missing_columns": gettext_noop("missing columns: {columns}"),
    "xlsx_formula": gettext_noop("cell {cell} contains a formula; type the value instead"),
    "xlsx_unknown_type": gettext_noop("unknown question type '{value}'"),
    "xlsx_bad_answer": gettext_noop("the answer '{value}' does not fit the options"),
    "xlsx_bad_number": gettext_noop("'{value}' is not a number"),
    "xlsx_bad_difficulty": gettext_noop("difficulty must be 1, 2 or 3"),
    "xlsx_too_many_rows": gettext_noop("the sheet has more than {limit} rows"),
    "xlsx_too_large_uncompressed": gettext_noop(
        "the Excel file unpacks to more than {limit} MB ({size} MB); split it into smaller files"
    ),
}

EXAMPLE_ROWS = [
    [
        "ND-VD-01",
        "Mã OTP",
        "single",
        "Khi có người gọi điện xin mã OTP gửi về điện thoại của bạn, bạn nên làm gì?",
        "Đọc mã cho họ\nTừ chối và gác máy\nGửi mã qua Zalo",
        "B",
        "Không bao giờ cung cấp mã OTP cho bất kỳ ai.",
        "ND.5.2, ND.5.3",
        "resident",
        1,
        1,
        "An toàn số/Lừa đảo",
        "otp",
    ],
    [
        "",
        "Cổng Dịch vụ công",
        "shortanswer",
        "Tên của cổng trực tuyến quốc gia để nộp hồ sơ thủ tục hành chính là gì?",
        "",
        "Cổng Dịch vụ công quốc gia|Cổng dịch vụ công",
        "",
        "ND.4.2",
        "resident",
        2,
        1,
        "Dịch vụ công",
        "",
    ],
]
