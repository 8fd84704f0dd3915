//! A hand-built state report (ND30 profile, size set "14") for backend tests:
//! a UBND huyện report to the Huyện ủy with headings of every role, a data
//! table, "Kính gửi", one deputy signer (three title lines) and "Nơi nhận".
//!
//! Contract: built without any loader or template, so backend tests do not
//! depend on the rest of the pipeline; long enough for three pages.

use super::*;
use crate::fonts::FontSet;

/// A4 less the 30 mm and 15 mm side margins, in points.
const TEXT_WIDTH: f32 = 165.0 * 72.0 / 25.4;

fn width(text: &str, style: Style) -> f32 {
    FontSet::get().width(text, &style)
}

fn body(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        role: Role::Body,
        runs: vec![Run::plain(text)],
        align: Align::Justify,
        first_line_indent: true,
        keep_with_next: false,
    })
}

fn heading(role: Role, runs: Vec<Run>, align: Align) -> Block {
    Block::Paragraph(Paragraph { role, runs, first_line_indent: align == Align::Justify, align, keep_with_next: true })
}

fn cells(texts: &[&str], first_left: bool) -> Vec<Cell> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Cell { runs: vec![Run::plain(*t)], align: if i == 1 && first_left { Align::Left } else { Align::Center } })
        .collect()
}

/// The sample report: "Báo cáo kết quả thực hiện Chương trình phối hợp công tác
/// dân vận năm 2024" of the Ủy ban nhân dân huyện Đông Anh.
pub(crate) fn sample_document() -> Document {
    let rows: Vec<Vec<Cell>> = [
        ["1", "Hội nghị tuyên truyền, phổ biến chính sách", "42", "48", "114,3"],
        ["2", "Lượt người tham dự hội nghị", "5.120", "6.035", "117,9"],
        ["3", "Tin, bài trên hệ thống truyền thanh cơ sở", "356", "412", "115,7"],
        ["4", "Mô hình \"Dân vận khéo\" được công nhận", "18", "23", "127,8"],
        ["5", "Đối thoại trực tiếp với Nhân dân", "9", "12", "133,3"],
        ["6", "Kiến nghị của cử tri được giải quyết", "214", "236", "110,3"],
        ["7", "Hộ gia đình đạt danh hiệu văn hóa", "41.250", "42.018", "101,9"],
        ["8", "Khu dân cư đạt chuẩn văn hóa", "318", "326", "102,5"],
    ]
    .iter()
    .map(|r| cells(r, true))
    .collect();

    let table = Block::Table(Table {
        widths: vec![0.08, 0.50, 0.14, 0.14, 0.14],
        grid: [0.08, 0.50, 0.14, 0.14, 0.14].iter().map(|f| Pt(f * TEXT_WIDTH)).collect(),
        pad_x: Pt(4.0),
        pad_y: Pt(2.5),
        line_height: Pt(13.0 * 1.15 * 1.05),
        header: vec![
            Cell { runs: vec![Run::bold("TT")], align: Align::Center },
            Cell { runs: vec![Run::bold("Nội dung")], align: Align::Center },
            Cell { runs: vec![Run::bold("Năm 2023")], align: Align::Center },
            Cell { runs: vec![Run::bold("Năm 2024")], align: Align::Center },
            Cell { runs: vec![Run::bold("So sánh (%)")], align: Align::Center },
        ],
        rows,
        unit_note: Some("Đơn vị tính: lượt, hộ, khu dân cư".into()),
    });

    let body_blocks = vec![
        body(
            "Thực hiện Chương trình phối hợp số 05/CTrPH-UBND-MTTQ ngày 10/3/2021 của Ủy ban \
             nhân dân huyện và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện về công \
             tác dân vận giai đoạn 2021 - 2025, Ủy ban nhân dân huyện báo cáo kết quả thực hiện \
             năm 2024 như sau:",
        ),
        heading(Role::Part, vec![Run::bold("Phần I")], Align::Center),
        heading(Role::Part, vec![Run::bold("KẾT QUẢ THỰC HIỆN NĂM 2024")], Align::Center),
        heading(Role::Section, vec![Run::bold("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")], Align::Justify),
        body(
            "Ngay từ đầu năm, Ủy ban nhân dân huyện ban hành Kế hoạch số 12/KH-UBND ngày \
             15/01/2024 về thực hiện công tác dân vận chính quyền năm 2024; chỉ đạo các phòng, \
             ban, ngành và Ủy ban nhân dân các xã, thị trấn xây dựng kế hoạch cụ thể, gắn nhiệm \
             vụ dân vận với nhiệm vụ chuyên môn của từng cơ quan, đơn vị.",
        ),
        body(
            "Việc phối hợp giữa chính quyền với Mặt trận Tổ quốc và các tổ chức chính trị - xã \
             hội được duy trì thường xuyên; định kỳ hằng quý tổ chức giao ban, đánh giá kết quả \
             và thống nhất nội dung phối hợp trong quý tiếp theo.",
        ),
        heading(Role::Section, vec![Run::bold("II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG PHỐI HỢP")], Align::Justify),
        heading(Role::Clause, vec![Run::bold("1. Công tác tuyên truyền, vận động")], Align::Justify),
        heading(Role::Point, vec![Run::plain("a) Tuyên truyền trên hệ thống truyền thanh cơ sở")], Align::Justify),
        body(
            "Hệ thống truyền thanh của huyện và các xã, thị trấn đã phát 412 tin, bài về chủ \
             trương của Đảng, chính sách, pháp luật của Nhà nước và các phong trào thi đua yêu \
             nước, tăng 15,7% so với năm 2023. Nội dung tuyên truyền bám sát nhiệm vụ chính trị \
             của địa phương, phản ánh kịp thời gương người tốt, việc tốt.",
        ),
        heading(Role::Point, vec![Run::plain("b) Tổ chức hội nghị và đối thoại với Nhân dân")], Align::Justify),
        body(
            "Trong năm, các cơ quan, đơn vị tổ chức 48 hội nghị tuyên truyền, phổ biến chính \
             sách với 6.035 lượt người tham dự; người đứng đầu cấp ủy, chính quyền các xã, thị \
             trấn tổ chức 12 cuộc đối thoại trực tiếp với Nhân dân. Kết quả cụ thể như sau:",
        ),
        table,
        heading(Role::Clause, vec![Run::bold("2. Phong trào thi đua \"Dân vận khéo\"")], Align::Justify),
        body(
            "Phong trào thi đua \"Dân vận khéo\" tiếp tục được triển khai sâu rộng, gắn với việc \
             thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới nâng cao. Năm 2024 \
             có 23 mô hình \"Dân vận khéo\" được công nhận, trong đó 05 mô hình cấp huyện và 18 \
             mô hình cấp xã; nhiều mô hình mang lại hiệu quả thiết thực về kinh tế - xã hội.",
        ),
        body(
            "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo được thực hiện nghiêm túc; \
             236 kiến nghị của cử tri đã được xem xét, giải quyết và trả lời, đạt tỷ lệ 97,5%.",
        ),
        heading(Role::Section, vec![Run::bold("III. HẠN CHẾ VÀ NGUYÊN NHÂN")], Align::Justify),
        body(
            "Bên cạnh kết quả đạt được, công tác phối hợp ở một số xã còn mang tính hình thức, \
             chưa thường xuyên; việc nhân rộng các mô hình \"Dân vận khéo\" có nơi còn chậm; \
             chất lượng một số hội nghị đối thoại chưa cao. Nguyên nhân chủ yếu là nhận thức \
             của một bộ phận cán bộ về công tác dân vận chưa đầy đủ, kinh phí bố trí còn hạn \
             chế.",
        ),
        heading(Role::Part, vec![Run::bold("Phần II")], Align::Center),
        heading(Role::Part, vec![Run::bold("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025")], Align::Center),
        body(
            "Tiếp tục quán triệt, thực hiện nghiêm các chủ trương của Đảng về công tác dân vận; \
             nâng cao chất lượng phối hợp giữa chính quyền với Mặt trận Tổ quốc và các tổ chức \
             chính trị - xã hội; đẩy mạnh phong trào thi đua \"Dân vận khéo\" gắn với thực hiện \
             nhiệm vụ phát triển kinh tế - xã hội của huyện.",
        ),
        body(
            "Duy trì đối thoại định kỳ giữa người đứng đầu chính quyền với Nhân dân; giải quyết \
             kịp thời, dứt điểm các kiến nghị chính đáng của cử tri, không để phát sinh điểm \
             nóng, khiếu kiện đông người.",
        ),
        Block::Paragraph(Paragraph {
            role: Role::Closing,
            runs: vec![Run::plain(
                "Trên đây là báo cáo kết quả thực hiện Chương trình phối hợp công tác dân vận năm \
                 2024, Ủy ban nhân dân huyện báo cáo Ban Thường vụ Huyện ủy xem xét, chỉ đạo./.",
            )],
            align: Align::Justify,
            first_line_indent: true,
            keep_with_next: true,
        }),
    ];

    Document {
        meta: Meta {
            title: "Báo cáo kết quả thực hiện Chương trình phối hợp công tác dân vận năm 2024".into(),
            author: "Ủy ban nhân dân huyện Đông Anh".into(),
            subject: "Công tác dân vận năm 2024".into(),
            lang: "vi-VN".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 12, 15).expect("a real date"),
        },
        page: PageSetup {
            width: Mm(210.0),
            height: Mm(297.0),
            margin_top: Mm(20.0),
            margin_bottom: Mm(20.0),
            margin_left: Mm(30.0),
            margin_right: Mm(15.0),
            page_number_size: Pt(14.0),
            page_number_baseline: Mm(12.0),
        },
        body_style: BodyStyle {
            size: Pt(14.0),
            line_spacing: 1.15,
            first_line_indent: Mm(12.7),
            space_after: Pt(6.0),
            table_size: Pt(13.0),
        },
        header: Header {
            issuers: vec![HeaderColumn {
                lines: vec![Line::new("ỦY BAN NHÂN DÂN", Style::bold(13.0)), Line::new("HUYỆN ĐÔNG ANH", Style::bold(13.0))],
                mark: Mark::Rule(Pt(0.4 * width("HUYỆN ĐÔNG ANH", Style::bold(13.0)))),
                bottom: Some(Line::new("Số: 125/BC-UBND", Style::regular(13.0))),
            }],
            motto: HeaderColumn {
                lines: vec![
                    Line::new("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::bold(13.0)),
                    Line::new("Độc lập - Tự do - Hạnh phúc", Style::bold(14.0)),
                ],
                mark: Mark::Rule(Pt(width("Độc lập - Tự do - Hạnh phúc", Style::bold(14.0)))),
                bottom: Some(Line::new("Đông Anh, ngày 15 tháng 12 năm 2024", Style::italic(14.0))),
            },
            widths: vec![Pt(0.38 * TEXT_WIDTH), Pt(0.62 * TEXT_WIDTH)],
            stacked: false,
        },
        title: Title {
            type_line: Line::new("BÁO CÁO", Style::bold(14.0)),
            summary: vec![
                Line::new("Kết quả thực hiện Chương trình phối hợp", Style::bold(14.0)),
                Line::new("công tác dân vận năm 2024", Style::bold(14.0)),
            ],
            separator: Separator::Rule(Pt(0.4 * width("Kết quả thực hiện Chương trình phối hợp", Style::bold(14.0)))),
        },
        to: Some(Addressees {
            label: "Kính gửi:".into(),
            style: Style::regular(14.0),
            indent: Pt(100.0),
            label_width: Pt(width("Kính gửi: ", Style::regular(14.0))),
            rows: vec![AddresseeRow { offset: Pt(0.0), text: "Ban Thường vụ Huyện ủy Đông Anh".into() }],
            line_spacing: 1.15,
        }),
        body: body_blocks,
        closing: Closing {
            signers: vec![SignatureBlock {
                lines: vec![
                    Line::new("TM. ỦY BAN NHÂN DÂN", Style::bold(14.0)),
                    Line::new("KT. CHỦ TỊCH", Style::bold(14.0)),
                    Line::new("PHÓ CHỦ TỊCH", Style::bold(14.0)),
                ],
                name: Line::new("Nguyễn Văn An", Style::bold(14.0)),
                level_lines: 0,
            }],
            recipients: Some(Recipients {
                label: Line::new("Nơi nhận:", Style::bold_italic(12.0)),
                items: [
                    "- Như trên;",
                    "- Thường trực Huyện ủy;",
                    "- Thường trực HĐND huyện;",
                    "- Ban Dân vận Huyện ủy;",
                    "- Ủy ban MTTQ Việt Nam huyện;",
                    "- Các tổ chức chính trị - xã hội huyện;",
                    "- Lưu: VT, VP.",
                ]
                .iter()
                .map(|t| vec![t.to_string()])
                .collect(),
                item_style: Style::regular(11.0),
                hang: Pt(width("- ", Style::regular(11.0))),
            }),
            signature_gap: Mm(25.0),
            grid: vec![Pt(0.45 * TEXT_WIDTH), Pt(0.55 * TEXT_WIDTH)],
        },
    }
}
