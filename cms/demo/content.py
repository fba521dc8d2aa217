"""The demo library's items, written for this project in plain Vietnamese.

Each item names its competencies by framework code; seed() looks them up in the
loaded framework. Pictures are described here and drawn by cms.demo.drawing."""

# (audience, slug, title, intro) of the four audience shelves.
SHELVES = [
    (
        "resident",
        "nguoi-dan",
        "Người dân",
        "Những việc hằng ngày trên điện thoại: làm thủ tục, thanh toán, giữ an toàn cho tiền "
        "và thông tin của mình.",
    ),
    (
        "student",
        "hoc-sinh-sinh-vien",
        "Học sinh, sinh viên",
        "Học trực tuyến, dùng mạng xã hội và trí tuệ nhân tạo sao cho an toàn, trung thực.",
    ),
    (
        "official",
        "can-bo-cong-chuc-vien-chuc",
        "Cán bộ, công chức, viên chức",
        "Văn bản điện tử, chữ ký số, an toàn thông tin và dùng AI có trách nhiệm trong công vụ.",
    ),
    (
        "worker",
        "nguoi-lao-dong",
        "Người lao động",
        "Công cụ số ở nơi làm việc, họp trực tuyến, bán hàng trên mạng và bảo vệ dữ liệu.",
    ),
]

ITEMS = [
    # --- người dân ------------------------------------------------------------
    {
        "kind": "guide",
        "shelf": "resident",
        "slug": "huong-dan-kich-hoat-vneid-muc-2",
        "title": "Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID mức 2",
        "summary": "Đăng ký tại công an cấp xã, nhận mã kích hoạt qua tin nhắn rồi kích hoạt "
        "trên ứng dụng VNeID trong khoảng 10 phút.",
        "audiences": ["resident", "worker"],
        "competencies": ["ND.4.1", "LD.1.1"],
        "topics": ["VNeID", "dịch vụ công trực tuyến"],
        "minutes": 10,
        "cover": ("phone", "red"),
        "need": [
            "Thẻ căn cước hoặc căn cước công dân gắn chip",
            "Điện thoại thông minh có mạng Internet",
            "Số điện thoại chính chủ (đứng tên bạn)",
        ],
        "steps": [
            (
                "<p>Mang thẻ căn cước đến <b>công an cấp xã</b> nơi bạn ở (hoặc nơi làm thủ tục "
                "cấp căn cước) và đề nghị đăng ký tài khoản định danh điện tử mức 2. Cán bộ sẽ "
                "chụp ảnh chân dung và lấy vân tay của bạn.</p>",
                None,
            ),
            (
                "<p>Chờ tin nhắn SMS gửi đến số điện thoại bạn đã đăng ký. Tin nhắn có "
                "<b>mã kích hoạt</b>. Không đọc mã này cho bất kỳ ai.</p>",
                None,
            ),
            (
                "<p>Tải ứng dụng <b>VNeID</b> từ CH Play hoặc App Store. Chỉ tải bản do Bộ Công an "
                "phát hành; không cài ứng dụng từ đường link người lạ gửi.</p>",
                (
                    "VNeID",
                    ["Tìm: VNeID", "Nhà phát triển: Bộ Công an"],
                    "Cài đặt",
                    "Màn hình cửa hàng ứng dụng với ô tìm kiếm VNeID và nút Cài đặt",
                ),
            ),
            (
                "<p>Mở ứng dụng, chọn <b>Kích hoạt tài khoản định danh điện tử</b>. Nhập số định "
                "danh cá nhân (12 số trên thẻ căn cước) và số điện thoại.</p>",
                (
                    "Kích hoạt tài khoản",
                    ["Số định danh cá nhân", "Số điện thoại"],
                    "Gửi yêu cầu",
                    "Màn hình kích hoạt với hai ô: số định danh cá nhân và số điện thoại",
                ),
            ),
            (
                "<p>Nhập <b>mã kích hoạt</b> trong tin nhắn, rồi đặt mật khẩu và mã xác thực "
                "(passcode) 6 số. Ghi nhớ, đừng viết lên ốp điện thoại.</p>",
                (
                    "Tạo mật khẩu",
                    ["Mã kích hoạt", "Mật khẩu mới", "Nhập lại mật khẩu"],
                    "Xác nhận",
                    "Màn hình nhập mã kích hoạt và tạo mật khẩu mới",
                ),
            ),
            (
                "<p>Đăng nhập lại để kiểm tra. Bạn đã có thể dùng VNeID để đăng nhập Cổng Dịch vụ "
                "công quốc gia và xuất trình giấy tờ điện tử.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Tải ứng dụng giả mạo qua đường link",
                "Chỉ cài từ CH Play hoặc App Store, kiểm tra nhà phát triển là Bộ Công an.",
            ),
            (
                "Đọc mã kích hoạt hoặc mã OTP cho người gọi điện",
                "Công an không bao giờ hỏi mã này qua điện thoại. Hãy cúp máy.",
            ),
            (
                "Dùng số điện thoại của con cháu",
                "Số điện thoại phải đứng tên bạn, để nhận mã và lấy lại mật khẩu khi cần.",
            ),
        ],
        "related": ["nop-ho-so-tren-cong-dich-vu-cong-quoc-gia", "nhan-biet-cuoc-goi-lua-dao"],
    },
    {
        "kind": "guide",
        "shelf": "resident",
        "slug": "nop-ho-so-tren-cong-dich-vu-cong-quoc-gia",
        "title": "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
        "summary": "Làm thủ tục hành chính tại nhà: đăng nhập bằng VNeID, chọn thủ tục, điền tờ "
        "khai, đính kèm giấy tờ và theo dõi kết quả.",
        "audiences": ["resident", "official"],
        "competencies": ["ND.4.2", "CB.2.3"],
        "topics": ["dịch vụ công trực tuyến", "VNeID"],
        "minutes": 15,
        "cover": ("screen", "blue"),
        "need": [
            "Tài khoản VNeID mức 2 đã kích hoạt",
            "Ảnh chụp hoặc bản quét giấy tờ cần nộp, rõ nét",
            "Ứng dụng ngân hàng nếu thủ tục có lệ phí",
        ],
        "steps": [
            (
                "<p>Vào trang <b>dichvucong.gov.vn</b> (gõ đúng địa chỉ, có đuôi .gov.vn). Bấm "
                "<b>Đăng nhập</b> và chọn đăng nhập bằng tài khoản định danh điện tử VNeID.</p>",
                None,
            ),
            (
                "<p>Gõ tên thủ tục vào ô tìm kiếm, ví dụ “đăng ký khai sinh”. Đọc kỹ phần "
                "<b>thành phần hồ sơ</b> và lệ phí trước khi bắt đầu.</p>",
                None,
            ),
            (
                "<p>Chọn <b>nơi nộp</b> (tỉnh, xã/phường) rồi điền tờ khai. Các ô có dấu * là bắt "
                "buộc. Thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư sẽ được điền sẵn.</p>",
                None,
            ),
            (
                "<p>Đính kèm ảnh hoặc bản quét giấy tờ. Mỗi tệp nên rõ chữ, không bị mất góc.</p>",
                None,
            ),
            (
                "<p>Kiểm tra lại, bấm <b>Nộp hồ sơ</b>. Ghi lại <b>mã hồ sơ</b> để tra cứu. Nếu có "
                "lệ phí, thanh toán trực tuyến ngay trên Cổng.</p>",
                None,
            ),
            (
                "<p>Theo dõi tin nhắn và mục <b>Quản lý hồ sơ đã nộp</b>. Khi có yêu cầu bổ sung, "
                "bổ sung trực tuyến, không cần đến trụ sở.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Vào trang giả có địa chỉ gần giống",
                "Trang thật của cơ quan nhà nước có đuôi "
                ".gov.vn. Không bấm đường link lạ gửi qua tin nhắn.",
            ),
            (
                "Ảnh giấy tờ mờ, lóa sáng",
                "Chụp ở nơi đủ sáng, đặt giấy tờ trên nền tối, chụp thẳng từ trên xuống.",
            ),
        ],
        "related": ["huong-dan-kich-hoat-vneid-muc-2"],
    },
    {
        "kind": "infographic",
        "shelf": "resident",
        "slug": "thanh-toan-ma-qr-an-toan",
        "title": "Thanh toán bằng mã QR an toàn: 6 điều cần nhớ",
        "summary": "Quét mã QR để trả tiền rất tiện, nhưng kẻ gian có thể dán mã giả. Sáu thói "
        "quen nhỏ giúp giữ tiền trong tài khoản của bạn.",
        "audiences": ["resident", "worker"],
        "competencies": ["ND.4.3", "ND.5.3", "LD.4.3"],
        "topics": ["thanh toán không dùng tiền mặt", "lừa đảo trực tuyến"],
        "minutes": 3,
        "palette": "green",
        "motif": "qr",
        "points": [
            (
                "Đọc tên người nhận",
                "Sau khi quét, đọc kỹ tên tài khoản hiện trên màn hình. Sai tên thì dừng lại.",
            ),
            (
                "Cẩn thận mã dán đè",
                "Ở cửa hàng, kiểm tra mã QR có bị dán chồng lên mã cũ hay không.",
            ),
            (
                "Không quét mã người lạ gửi",
                "Mã QR gửi qua tin nhắn để “nhận tiền” hay “nhận quà” thường là bẫy.",
            ),
            (
                "Không chuyển tiền để “xác minh”",
                "Không cơ quan nào yêu cầu bạn chuyển tiền để xác minh tài khoản hay hồ sơ.",
            ),
            (
                "Đặt hạn mức và bật thông báo",
                "Giới hạn số tiền chuyển mỗi ngày và bật thông báo biến động số dư.",
            ),
            (
                "Giữ bí mật OTP và mật khẩu",
                "Mã OTP, mật khẩu, ảnh khuôn mặt xác thực chỉ dành cho chính bạn.",
            ),
        ],
        "related": ["nhan-biet-cuoc-goi-lua-dao", "tin-nhan-la-duong-link-la"],
    },
    {
        "kind": "video",
        "shelf": "resident",
        "slug": "nhan-biet-cuoc-goi-lua-dao",
        "title": "Nhận biết cuộc gọi lừa đảo giả danh công an, ngân hàng",
        "summary": "Ba dấu hiệu của cuộc gọi lừa đảo và ba việc cần làm ngay: cúp máy, gọi lại "
        "số chính thức, báo cho người thân.",
        "audiences": ["resident", "worker", "student"],
        "competencies": ["ND.5.3", "LD.5.3", "HS.4.2"],
        "topics": ["lừa đảo trực tuyến"],
        "minutes": 4,
        "cover": ("warning", "red"),
        "video": "cuoc-goi-lua-dao",
        "transcript": [
            (0, "Bạn nhận được cuộc gọi tự xưng là công an, nói bạn liên quan đến một vụ án."),
            (4, "Dấu hiệu thứ nhất: họ dọa nạt và đòi bạn làm ngay, không cho hỏi ai."),
            (8, "Dấu hiệu thứ hai: họ yêu cầu chuyển tiền, đọc mã OTP hoặc cài một ứng dụng lạ."),
            (
                12,
                "Dấu hiệu thứ ba: họ muốn gọi video để “lấy lời khai” hoặc gửi giấy triệu tập "
                "qua Zalo.",
            ),
            (16, "Công an và ngân hàng không làm việc như vậy qua điện thoại."),
            (
                20,
                "Hãy cúp máy. Gọi lại số tổng đài chính thức in trên thẻ ngân hàng, hoặc đến "
                "trụ sở công an gần nhất.",
            ),
            (25, "Báo cho người thân biết, và báo cuộc gọi rác đến đầu số 156."),
        ],
        "duration": 30,
        "related": ["tin-nhan-la-duong-link-la", "thanh-toan-ma-qr-an-toan"],
    },
    {
        "kind": "lesson",
        "shelf": "resident",
        "slug": "tin-nhan-la-duong-link-la",
        "title": "Tin nhắn lạ, đường link lạ: làm gì cho đúng?",
        "summary": "Bài học tương tác: đọc ba tin nhắn thường gặp và tự kiểm tra xem bạn có nhận "
        "ra tin nhắn lừa đảo không.",
        "audiences": ["resident", "student"],
        "competencies": ["ND.5.3", "ND.2.2", "HS.4.2"],
        "topics": ["lừa đảo trực tuyến", "Zalo"],
        "minutes": 8,
        "cover": ("chat", "orange"),
        "body": [
            (
                "text",
                "<h3>Kẻ gian thường nhắn gì?</h3><p>Tin nhắn lừa đảo hay giả danh ngân hàng, "
                "nhà mạng, cơ quan thuế hoặc người quen. Chúng tạo cảm giác gấp gáp: "
                "“tài khoản sắp bị khóa”, “bạn trúng thưởng”, “con bạn bị tai nạn”.</p>"
                "<ul><li>Có đường link lạ, địa chỉ viết sai hoặc rất dài.</li>"
                "<li>Yêu cầu đăng nhập, nhập OTP hoặc chuyển tiền.</li>"
                "<li>Người quen nhắn mượn tiền nhưng không chịu gọi điện.</li></ul>",
            ),
            (
                "single_choice",
                {
                    "question": "Tin nhắn: “Tài khoản của quý khách sẽ bị khóa trong 24 giờ, bấm "
                    "vào link sau để xác thực.” Bạn nên làm gì?",
                    "choices": [
                        ("Bấm link và đăng nhập để giữ tài khoản", False),
                        ("Không bấm link, gọi tổng đài in trên thẻ ngân hàng để hỏi", True),
                        ("Trả lời tin nhắn để hỏi thêm", False),
                    ],
                    "explanation": "Ngân hàng không gửi link yêu cầu đăng nhập. Hãy tự gọi số "
                    "tổng đài chính thức để kiểm tra.",
                },
            ),
            (
                "text",
                "<h3>Người quen nhắn mượn tiền</h3><p>Tài khoản Zalo, Facebook của người "
                "quen có thể bị chiếm. Kẻ gian còn dùng video giả khuôn mặt (deepfake). "
                "Hãy gọi điện thoại trực tiếp theo số bạn đã lưu để hỏi lại.</p>",
            ),
            (
                "true_false",
                {
                    "statement": "Nếu người quen gọi video qua Zalo vài giây rồi tắt, chắc chắn đó "
                    "là người thật.",
                    "is_true": False,
                    "explanation": "Video vài giây có thể là video giả. Gọi điện thoại thường theo "
                    "số đã lưu và hỏi một điều chỉ hai người biết.",
                },
            ),
            (
                "text",
                "<h3>Khi lỡ bấm vào link</h3><ol><li>Ngắt mạng, không nhập thêm gì.</li>"
                "<li>Gọi ngay ngân hàng để khóa tài khoản, đổi mật khẩu.</li>"
                "<li>Báo tin nhắn rác đến đầu số 5656 và báo công an nơi gần nhất.</li></ol>",
            ),
            (
                "true_false",
                {
                    "statement": "Tin nhắn rác, tin nhắn lừa đảo có thể báo đến đầu số 5656.",
                    "is_true": True,
                    "explanation": "Đúng. Tin nhắn rác báo đến 5656, cuộc gọi rác báo đến 156.",
                },
            ),
        ],
        "related": ["nhan-biet-cuoc-goi-lua-dao", "dung-zalo-an-toan"],
    },
    {
        "kind": "guide",
        "shelf": "resident",
        "slug": "dung-zalo-an-toan",
        "title": "Dùng Zalo an toàn: 5 cài đặt nên làm ngay",
        "summary": "Ẩn thông tin cá nhân với người lạ, khóa ứng dụng và kiểm tra thiết bị đăng "
        "nhập để không bị chiếm tài khoản.",
        "audiences": ["resident"],
        "competencies": ["ND.3.1", "ND.5.2", "ND.3.4"],
        "topics": ["Zalo", "mật khẩu"],
        "minutes": 7,
        "cover": ("chat", "blue"),
        "need": ["Điện thoại đã cài Zalo", "Mật khẩu Zalo của bạn"],
        "steps": [
            (
                "<p>Mở Zalo, chọn <b>Cá nhân</b> rồi biểu tượng cài đặt. Vào mục <b>Quyền riêng "
                "tư</b>.</p>",
                None,
            ),
            (
                "<p>Ẩn <b>ngày sinh</b> hoặc chỉ cho bạn bè xem. Kẻ gian hay dùng ngày sinh để đoán "
                "mật khẩu và giả danh bạn.</p>",
                None,
            ),
            (
                "<p>Trong mục <b>Nguồn tìm kiếm và kết bạn</b>, tắt cho phép người lạ tìm bạn qua "
                "số điện thoại nếu bạn không cần.</p>",
                None,
            ),
            (
                "<p>Đặt <b>mã khóa Zalo</b> để người khác cầm máy của bạn cũng không mở được "
                "tin nhắn.</p>",
                None,
            ),
            (
                "<p>Vào <b>Tài khoản và bảo mật</b>, xem danh sách <b>thiết bị đăng nhập</b>. Thấy "
                "thiết bị lạ thì đăng xuất ngay và đổi mật khẩu.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Chia sẻ ảnh căn cước, vé máy bay công khai",
                "Ảnh giấy tờ có đủ thông tin để kẻ "
                "gian giả danh bạn. Che số và mã vạch trước khi gửi.",
            ),
            (
                "Quét mã QR đăng nhập Zalo theo lời người khác",
                "Quét mã đăng nhập là cho người đó vào tài khoản của bạn.",
            ),
        ],
        "related": ["tin-nhan-la-duong-link-la", "mat-khau-manh-va-xac-thuc-hai-buoc"],
    },
    {
        "kind": "lesson",
        "shelf": "resident",
        "slug": "kiem-tra-thong-tin-truoc-khi-chia-se",
        "title": "Kiểm tra thông tin trước khi tin và chia sẻ",
        "summary": "Bốn câu hỏi nhanh giúp phân biệt tin thật, tin giả trên mạng xã hội trước "
        "khi bấm chia sẻ.",
        "audiences": ["resident", "student"],
        "competencies": ["ND.2.2", "ND.3.2", "HS.1.2"],
        "topics": ["tin giả", "mạng xã hội"],
        "minutes": 6,
        "cover": ("screen", "purple"),
        "body": [
            (
                "text",
                "<p>Trước khi chia sẻ, hỏi bốn câu:</p><ol>"
                "<li><b>Ai đưa tin?</b> Báo chí, cơ quan nhà nước có tên rõ ràng hay một "
                "trang lạ?</li><li><b>Tin từ bao giờ?</b> Ảnh cũ hay bị dùng lại cho sự "
                "việc mới.</li><li><b>Nơi khác có đưa không?</b> Tìm cùng nội dung trên "
                "các báo chính thống.</li><li><b>Tin có làm mình tức giận, sợ hãi?</b> Tin "
                "giả thường đánh vào cảm xúc để được chia sẻ nhanh.</li></ol>",
            ),
            (
                "single_choice",
                {
                    "question": "Một trang lạ đăng: “Từ tháng sau, ai chưa làm thủ tục X sẽ bị phạt "
                    "nặng”. Bạn làm gì trước tiên?",
                    "choices": [
                        ("Chia sẻ ngay để mọi người biết", False),
                        (
                            "Tìm thông tin trên trang của cơ quan nhà nước hoặc báo chính thống",
                            True,
                        ),
                        ("Bình luận hỏi chủ trang", False),
                    ],
                    "explanation": "Thông tin về quy định mới luôn có trên trang của cơ quan ban "
                    "hành và báo chính thống. Không thấy thì chưa nên tin.",
                },
            ),
            (
                "true_false",
                {
                    "statement": "Bài viết có nhiều lượt chia sẻ thì chắc chắn là tin thật.",
                    "is_true": False,
                    "explanation": "Tin giả thường lan nhanh hơn tin thật vì gây tò mò, sợ hãi.",
                },
            ),
        ],
        "related": ["tin-nhan-la-duong-link-la"],
    },
    {
        "kind": "guide",
        "shelf": "resident",
        "slug": "ban-hang-truc-tuyen-cho-tieu-thuong",
        "title": "Bán hàng trên mạng cho tiểu thương: bắt đầu với chợ số",
        "summary": "Chụp ảnh hàng đẹp, ghi giá rõ ràng, nhận thanh toán bằng mã QR của chính "
        "cửa hàng và giữ uy tín với khách.",
        "audiences": ["resident", "worker"],
        "competencies": ["ND.4.4", "LD.4.2", "LD.4.3"],
        "topics": ["chợ số", "thanh toán không dùng tiền mặt"],
        "minutes": 12,
        "cover": ("shop", "orange"),
        "difficulty": "advanced",
        "need": [
            "Điện thoại có camera",
            "Tài khoản ngân hàng đứng tên chủ cửa hàng",
            "Danh sách hàng và giá bán",
        ],
        "steps": [
            (
                "<p>Chọn nơi bán: trang Zalo hoặc Facebook của cửa hàng, hoặc gian hàng trên sàn "
                "thương mại điện tử. Bắt đầu ở một nơi, làm tốt rồi mở rộng.</p>",
                None,
            ),
            (
                "<p>Chụp ảnh hàng ở nơi đủ sáng, nền trơn. Mỗi món 3–4 ảnh: toàn cảnh, cận cảnh, "
                "kích thước so với bàn tay.</p>",
                None,
            ),
            (
                "<p>Ghi <b>giá, khối lượng, nguồn gốc, cách bảo quản</b>. Khách tin cửa hàng ghi "
                "rõ ràng hơn cửa hàng “inbox báo giá”.</p>",
                None,
            ),
            (
                "<p>In mã QR thanh toán của <b>tài khoản ngân hàng đứng tên bạn</b>, đặt ở quầy và "
                "gửi cho khách. Thường xuyên kiểm tra mã ở quầy không bị dán đè.</p>",
                None,
            ),
            (
                "<p>Chỉ giao hàng khi thấy thông báo <b>tiền đã vào tài khoản</b> trong ứng dụng "
                "ngân hàng, không tin ảnh chụp màn hình chuyển khoản.</p>",
                None,
            ),
            (
                "<p>Trả lời khách nhanh, lịch sự; ghi lại đơn hàng vào sổ hoặc bảng tính để biết "
                "món nào bán chạy.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Tin ảnh chụp “đã chuyển khoản”",
                "Ảnh có thể làm giả. Xem biến động số dư trong ứng dụng ngân hàng.",
            ),
            (
                "Nhận link “xác nhận đơn hàng” từ người lạ",
                "Không bấm. Sàn thương mại điện tử chỉ thông báo trong ứng dụng của sàn.",
            ),
        ],
        "related": ["thanh-toan-ma-qr-an-toan"],
    },
    {
        "kind": "video",
        "shelf": "resident",
        "slug": "tro-ly-ai-la-gi",
        "title": "Trợ lý AI là gì? Dùng sao cho đúng và an toàn",
        "summary": "Trợ lý trí tuệ nhân tạo trả lời câu hỏi, viết thư, tóm tắt văn bản. Nó có thể "
        "sai, nên luôn kiểm tra lại và không nhập thông tin riêng tư.",
        "audiences": ["resident", "worker"],
        "competencies": ["ND.7.1", "ND.7.2", "ND.7.3"],
        "topics": ["AI"],
        "minutes": 4,
        "cover": ("ai", "teal"),
        "video": "tro-ly-ai",
        "transcript": [
            (0, "Trợ lý AI là chương trình trò chuyện được bằng chữ hoặc bằng giọng nói."),
            (4, "Bạn có thể nhờ nó giải thích một thủ tục, viết lời chúc, tóm tắt bài báo."),
            (8, "Nhưng AI có thể trả lời sai mà nghe vẫn rất chắc chắn."),
            (
                12,
                "Với sức khỏe, pháp luật, tiền bạc: hãy kiểm tra với nguồn chính thống hoặc "
                "người có chuyên môn.",
            ),
            (17, "Không nhập số căn cước, mật khẩu, số tài khoản hay ảnh giấy tờ vào trợ lý AI."),
            (22, "Cẩn thận với video, giọng nói giả do AI tạo ra để lừa đảo."),
        ],
        "duration": 28,
        "related": ["dung-ai-de-hoc-khong-de-chep-bai"],
    },
    # --- học sinh, sinh viên -----------------------------------------------------
    {
        "kind": "guide",
        "shelf": "student",
        "slug": "mat-khau-manh-va-xac-thuc-hai-buoc",
        "title": "Mật khẩu mạnh và xác thực hai bước",
        "summary": "Tạo mật khẩu dài, dễ nhớ mà khó đoán, dùng riêng cho từng tài khoản và bật "
        "xác thực hai bước cho tài khoản quan trọng.",
        "audiences": ["student", "resident", "official", "worker"],
        "competencies": ["HS.4.2", "ND.5.1", "CB.4.1", "LD.5.1"],
        "topics": ["mật khẩu"],
        "minutes": 8,
        "cover": ("shield", "green"),
        "need": ["Danh sách các tài khoản bạn đang dùng (thư điện tử, mạng xã hội, ngân hàng)"],
        "steps": [
            (
                "<p>Dùng <b>cụm mật khẩu</b> dài ít nhất 12 ký tự, ghép từ nhiều từ chỉ bạn hiểu, "
                "ví dụ: <i>MeoVang-an-3-BatCom!</i> (đừng dùng đúng ví dụ này).</p>",
                None,
            ),
            (
                "<p><b>Mỗi tài khoản một mật khẩu riêng.</b> Một trang bị lộ thì các tài khoản "
                "khác vẫn an toàn.</p>",
                None,
            ),
            ("<p>Không dùng ngày sinh, số điện thoại, tên người thân, “123456”.</p>", None),
            (
                "<p>Bật <b>xác thực hai bước</b> trong phần bảo mật của tài khoản: ngoài mật khẩu, "
                "cần thêm mã gửi về điện thoại hoặc mã từ ứng dụng xác thực.</p>",
                None,
            ),
            (
                "<p>Lưu mã khôi phục ở nơi an toàn. Có thể dùng trình quản lý mật khẩu để nhớ hộ "
                "các mật khẩu dài.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Ghi mật khẩu lên giấy dán cạnh máy tính",
                "Dùng trình quản lý mật khẩu hoặc sổ cất kỹ ở nhà.",
            ),
            (
                "Đọc mã xác thực cho “nhân viên hỗ trợ”",
                "Mã xác thực chỉ để bạn nhập. Không ai chính đáng cần hỏi mã này.",
            ),
        ],
        "related": ["dung-zalo-an-toan", "phat-hien-thu-dien-tu-lua-dao"],
    },
    {
        "kind": "lesson",
        "shelf": "student",
        "slug": "mang-xa-hoi-an-toan-cho-hoc-sinh",
        "title": "Mạng xã hội an toàn và văn minh cho học sinh",
        "summary": "Nghĩ trước khi đăng, bảo vệ thông tin riêng, ứng xử khi bị bắt nạt trên mạng "
        "và cân bằng thời gian dùng điện thoại.",
        "audiences": ["student"],
        "competencies": ["HS.2.4", "HS.2.5", "HS.4.3"],
        "topics": ["mạng xã hội"],
        "minutes": 8,
        "cover": ("chat", "purple"),
        "body": [
            (
                "text",
                "<h3>Nghĩ trước khi đăng</h3><p>Điều đã đăng lên mạng rất khó xóa hẳn: "
                "người khác có thể chụp lại. Trước khi đăng, hỏi: mình có muốn thầy cô, "
                "bố mẹ và nhà tuyển dụng sau này thấy điều này không?</p>",
            ),
            (
                "true_false",
                {
                    "statement": "Đăng ảnh có đồng phục, tên trường và giờ tan học là an toàn nếu "
                    "tài khoản để chế độ bạn bè.",
                    "is_true": False,
                    "explanation": "Bạn bè có thể chia sẻ lại. Những chi tiết đó cho người lạ biết "
                    "bạn ở đâu và lúc nào.",
                },
            ),
            (
                "text",
                "<h3>Khi bị bắt nạt trên mạng</h3><ul><li>Không trả đũa.</li><li>Chụp màn "
                "hình làm bằng chứng.</li><li>Chặn và báo cáo tài khoản.</li><li>Kể với "
                "người lớn tin cậy: bố mẹ, thầy cô.</li></ul>",
            ),
            (
                "single_choice",
                {
                    "question": "Bạn thấy nhóm lớp chia sẻ ảnh chế giễu một bạn. Làm gì là đúng?",
                    "choices": [
                        ("Thả biểu tượng cười cho vui", False),
                        ("Không chia sẻ, nhắn riêng động viên bạn và báo thầy cô", True),
                        ("Rời nhóm và không nói với ai", False),
                    ],
                    "explanation": "Không tiếp tay lan truyền, ủng hộ bạn bị bắt nạt và báo người "
                    "lớn là cách giúp bạn hiệu quả nhất.",
                },
            ),
        ],
        "related": ["mat-khau-manh-va-xac-thuc-hai-buoc", "hoc-truc-tuyen-hieu-qua"],
    },
    {
        "kind": "guide",
        "shelf": "student",
        "slug": "hoc-truc-tuyen-hieu-qua",
        "title": "Học trực tuyến hiệu quả với lớp học ảo",
        "summary": "Chuẩn bị thiết bị, vào lớp đúng giờ, nộp bài trên lớp học ảo và giữ tập "
        "trung khi học qua màn hình.",
        "audiences": ["student"],
        "competencies": ["HS.2.3", "HS.1.3", "HS.5.1"],
        "topics": ["học trực tuyến"],
        "minutes": 6,
        "cover": ("screen", "teal"),
        "need": [
            "Điện thoại hoặc máy tính có camera, micro",
            "Tai nghe",
            "Đường link hoặc mã lớp do thầy cô gửi",
        ],
        "steps": [
            (
                "<p>Cài sẵn ứng dụng lớp học mà trường dùng (ví dụ Google Classroom, Microsoft "
                "Teams, Zoom) và thử đăng nhập trước buổi học một ngày.</p>",
                None,
            ),
            (
                "<p>Tham gia lớp bằng <b>mã lớp hoặc đường link thầy cô gửi</b> qua kênh chính "
                "thức của trường.</p>",
                None,
            ),
            (
                "<p>Vào lớp sớm 5 phút, <b>tắt micro</b> khi không nói, giơ tay bằng nút giơ tay "
                "khi muốn phát biểu.</p>",
                None,
            ),
            (
                "<p>Nộp bài: mở bài tập, đính kèm tệp, bấm <b>Nộp</b>. Đặt tên tệp rõ ràng: "
                "Lớp-Họ tên-Tên bài.</p>",
                None,
            ),
            (
                "<p>Tắt thông báo mạng xã hội trong giờ học; nghỉ mắt 5 phút sau mỗi 45 phút.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Chia sẻ link lớp học lên mạng xã hội",
                "Người lạ có thể vào phá lớp. Chỉ gửi trong nhóm lớp.",
            ),
        ],
        "related": ["mang-xa-hoi-an-toan-cho-hoc-sinh"],
    },
    {
        "kind": "infographic",
        "shelf": "student",
        "slug": "dung-ai-de-hoc-khong-de-chep-bai",
        "title": "Dùng AI để học, không để chép bài",
        "summary": "Năm cách dùng trợ lý AI giúp bạn hiểu bài hơn, và những điều cần tránh để "
        "trung thực trong học tập.",
        "audiences": ["student"],
        "competencies": ["HS.6.1", "HS.6.2", "HS.6.3"],
        "topics": ["AI"],
        "minutes": 3,
        "palette": "purple",
        "motif": "ai",
        "points": [
            (
                "Nhờ giải thích, không nhờ làm hộ",
                "Hỏi “vì sao” và “giải thích từng bước”, rồi tự làm lại bài.",
            ),
            (
                "Kiểm tra lại mọi thông tin",
                "AI có thể bịa số liệu, tên sách. Đối chiếu với sách giáo khoa.",
            ),
            ("Ghi rõ khi có dùng AI", "Làm theo quy định của thầy cô về việc dùng AI trong bài."),
            (
                "Không nhập thông tin riêng",
                "Không đưa họ tên, ảnh, địa chỉ của mình hay bạn bè vào AI.",
            ),
            ("Tự ôn bằng câu hỏi", "Nhờ AI đặt câu hỏi ôn tập, rồi tự trả lời không nhìn đáp án."),
        ],
        "related": ["tro-ly-ai-la-gi"],
    },
    # --- cán bộ, công chức, viên chức ------------------------------------------------
    {
        "kind": "document",
        "shelf": "official",
        "slug": "van-ban-dien-tu-va-chu-ky-so",
        "title": "Văn bản điện tử và chữ ký số: sổ tay cho cán bộ",
        "summary": "Sổ tay ngắn về giá trị pháp lý của văn bản điện tử, cách ký số, kiểm tra "
        "chữ ký và lưu trữ hồ sơ điện tử.",
        "audiences": ["official"],
        "competencies": ["CB.2.1", "CB.2.2", "CB.1.2"],
        "topics": ["chữ ký số", "văn bản điện tử"],
        "minutes": 15,
        "cover": ("document", "blue"),
        "difficulty": "advanced",
        "details": "<ul><li>Văn bản điện tử và giá trị pháp lý</li><li>Chữ ký số chuyên dùng "
        "công vụ</li><li>Quy trình ký số và phát hành</li><li>Kiểm tra chữ ký số "
        "trên văn bản nhận được</li><li>Lưu trữ và bảo quản</li></ul>",
        "sections": [
            (
                "1. Văn bản điện tử có giá trị như văn bản giấy",
                "Theo Luật Giao dịch điện tử năm 2023, thông điệp dữ liệu và văn bản điện tử được "
                "ký số hợp lệ có giá trị pháp lý như văn bản giấy có chữ ký và con dấu. Vì vậy "
                "hồ sơ, văn bản trong cơ quan nên được tạo, ký, gửi và lưu trên hệ thống quản lý "
                "văn bản điện tử.",
            ),
            (
                "2. Chữ ký số chuyên dùng công vụ",
                "Chứng thư chữ ký số chuyên dùng công vụ do Ban Cơ yếu Chính phủ cấp cho cơ quan "
                "và cá nhân có thẩm quyền. Có thể ký bằng thiết bị USB Token hoặc ký số từ xa "
                "trên điện thoại. Mỗi người tự giữ thiết bị và mã PIN của mình, không nhờ người "
                "khác ký hộ.",
            ),
            (
                "3. Ký và phát hành văn bản",
                "Mở văn bản trên hệ thống, kiểm tra nội dung, thể thức, rồi chọn ký số. Với ký "
                "số từ xa, xác nhận yêu cầu ký trên ứng dụng điện thoại. Văn thư ký số của cơ "
                "quan sau khi lãnh đạo ký, rồi phát hành qua trục liên thông văn bản.",
            ),
            (
                "4. Kiểm tra chữ ký trên văn bản nhận được",
                "Mở tệp PDF bằng phần mềm có hỗ trợ chữ ký số, xem bảng chữ ký: tên người ký, "
                "cơ quan, thời gian ký và trạng thái hợp lệ. Nếu báo chữ ký không hợp lệ hoặc "
                "tệp đã bị sửa sau khi ký, liên hệ nơi gửi để xác minh.",
            ),
            (
                "5. Lưu trữ hồ sơ điện tử",
                "Lập hồ sơ điện tử theo danh mục hồ sơ của cơ quan, đặt tên tệp thống nhất, lưu "
                "bản gốc có chữ ký số, không lưu trên thiết bị cá nhân hay dịch vụ đám mây chưa "
                "được cơ quan cho phép.",
            ),
        ],
        "related": ["ky-so-tu-xa-tren-dien-thoai"],
    },
    {
        "kind": "guide",
        "shelf": "official",
        "slug": "ky-so-tu-xa-tren-dien-thoai",
        "title": "Ký số văn bản bằng chữ ký số từ xa trên điện thoại",
        "summary": "Các bước xác nhận một yêu cầu ký số từ xa trên điện thoại và những lưu ý "
        "để giữ an toàn cho chứng thư số.",
        "audiences": ["official"],
        "competencies": ["CB.2.2", "CB.4.1"],
        "topics": ["chữ ký số"],
        "minutes": 6,
        "cover": ("phone", "blue"),
        "need": [
            "Chứng thư chữ ký số từ xa đã được cấp",
            "Ứng dụng ký số từ xa đã kích hoạt trên điện thoại của bạn",
            "Tài khoản hệ thống quản lý văn bản",
        ],
        "steps": [
            (
                "<p>Trên hệ thống quản lý văn bản, mở văn bản cần ký, kiểm tra nội dung và chọn "
                "<b>Ký số</b>, phương thức <b>ký số từ xa</b>.</p>",
                None,
            ),
            (
                "<p>Điện thoại nhận thông báo yêu cầu ký. Mở ứng dụng ký số, <b>đối chiếu tên "
                "văn bản</b> với văn bản bạn vừa chọn.</p>",
                None,
            ),
            ("<p>Xác nhận bằng mã PIN hoặc vân tay, khuôn mặt trên điện thoại.</p>", None),
            (
                "<p>Quay lại hệ thống, kiểm tra văn bản đã có chữ ký số hợp lệ rồi chuyển văn thư "
                "phát hành.</p>",
                None,
            ),
        ],
        "mistakes": [
            (
                "Xác nhận yêu cầu ký mà không đọc tên văn bản",
                "Chỉ xác nhận khi đúng văn bản "
                "bạn vừa ký. Yêu cầu lạ thì từ chối và báo bộ phận công nghệ thông tin.",
            ),
            (
                "Cho người khác biết mã PIN",
                "Chữ ký số là chữ ký của bạn. Giữ mã PIN như giữ con dấu.",
            ),
        ],
        "related": ["van-ban-dien-tu-va-chu-ky-so"],
    },
    {
        "kind": "infographic",
        "shelf": "official",
        "slug": "phat-hien-thu-dien-tu-lua-dao",
        "title": "Phát hiện thư điện tử lừa đảo trong cơ quan",
        "summary": "Năm dấu hiệu của thư lừa đảo (phishing) nhắm vào cán bộ và việc cần làm khi "
        "nghi ngờ.",
        "audiences": ["official", "worker"],
        "competencies": ["CB.4.3", "CB.3.1", "LD.5.3"],
        "topics": ["lừa đảo trực tuyến", "thư điện tử"],
        "minutes": 3,
        "palette": "red",
        "motif": "warning",
        "points": [
            (
                "Người gửi lạ hoặc gần giống",
                "Địa chỉ thư khác một ký tự so với địa chỉ thật, hoặc dùng hộp thư miễn phí.",
            ),
            (
                "Giục làm ngay",
                "“Khẩn”, “trong 2 giờ”, “tài khoản bị khóa” để bạn không kịp suy nghĩ.",
            ),
            ("Tệp đính kèm lạ", "Tệp nén, tệp .exe, tài liệu đòi “bật macro” để xem."),
            (
                "Đường link đăng nhập",
                "Link dẫn tới trang đăng nhập giả để lấy mật khẩu thư công vụ.",
            ),
            (
                "Khi nghi ngờ",
                "Không mở, không trả lời; báo bộ phận công nghệ thông tin của cơ quan.",
            ),
        ],
        "related": ["mat-khau-manh-va-xac-thuc-hai-buoc"],
    },
    {
        "kind": "lesson",
        "shelf": "official",
        "slug": "dung-ai-ho-tro-soan-thao-van-ban",
        "title": "Dùng AI hỗ trợ soạn thảo: kiểm chứng trước khi dùng",
        "summary": "AI giúp soạn nháp, tóm tắt nhanh, nhưng cán bộ chịu trách nhiệm về nội dung. "
        "Học cách dùng đúng và giữ bí mật thông tin.",
        "audiences": ["official"],
        "competencies": ["CB.6.1", "CB.6.2", "CB.6.3", "CB.4.2"],
        "topics": ["AI"],
        "minutes": 10,
        "cover": ("ai", "blue"),
        "difficulty": "advanced",
        "body": [
            (
                "text",
                "<h3>AI làm được gì?</h3><ul><li>Soạn bản nháp thông báo, thư mời.</li>"
                "<li>Tóm tắt báo cáo dài.</li><li>Gợi ý cách diễn đạt dễ hiểu cho người "
                "dân.</li></ul><p>Người ký văn bản vẫn chịu trách nhiệm về mọi câu chữ.</p>",
            ),
            (
                "true_false",
                {
                    "statement": "Có thể dán nguyên hồ sơ của người dân vào một trợ lý AI công cộng "
                    "để tóm tắt cho nhanh.",
                    "is_true": False,
                    "explanation": "Hồ sơ có dữ liệu cá nhân. Không đưa dữ liệu cá nhân, tài liệu "
                    "mật hay nội bộ vào công cụ AI chưa được cơ quan cho phép.",
                },
            ),
            (
                "text",
                "<h3>Kiểm chứng</h3><p>AI có thể trích dẫn sai số hiệu văn bản, ngày ban "
                "hành hoặc tự bịa ra điều khoản. Luôn đối chiếu với văn bản gốc trên cơ sở "
                "dữ liệu quốc gia về văn bản pháp luật.</p>",
            ),
            (
                "single_choice",
                {
                    "question": "AI viết: “Theo Điều 15 Nghị định …, người dân phải nộp thêm giấy "
                    "X”. Bạn làm gì?",
                    "choices": [
                        ("Đưa ngay vào văn bản trả lời người dân", False),
                        ("Mở văn bản gốc, kiểm tra đúng điều khoản rồi mới dùng", True),
                        ("Hỏi lại AI xem có chắc không", False),
                    ],
                    "explanation": "Chỉ văn bản gốc mới là căn cứ. Hỏi lại AI không phải là kiểm "
                    "chứng.",
                },
            ),
        ],
        "related": ["van-ban-dien-tu-va-chu-ky-so"],
    },
    # --- người lao động --------------------------------------------------------------
    {
        "kind": "document",
        "shelf": "worker",
        "slug": "so-tay-cong-cu-so-tai-noi-lam-viec",
        "title": "Sổ tay công cụ số tại nơi làm việc",
        "summary": "Bản in gọn về thư điện tử, lưu trữ đám mây, bảng tính và họp trực tuyến cho "
        "người lao động trong doanh nghiệp.",
        "audiences": ["worker"],
        "competencies": ["LD.1.2", "LD.1.3", "LD.3.1", "LD.3.2"],
        "topics": ["công cụ văn phòng"],
        "minutes": 20,
        "cover": ("document", "teal"),
        "details": "<ul><li>Thư điện tử công việc</li><li>Lưu trữ và chia sẻ tệp trên đám "
        "mây</li><li>Bảng tính cơ bản</li><li>Họp trực tuyến</li></ul>",
        "sections": [
            (
                "1. Thư điện tử công việc",
                "Dùng tiêu đề ngắn nói rõ việc cần làm. Chào hỏi, nội dung chính trong 3–5 câu, "
                "ký tên và số điện thoại. Kiểm tra người nhận trước khi gửi; dùng CC cho người "
                "cần biết, không lạm dụng “trả lời tất cả”.",
            ),
            (
                "2. Lưu trữ và chia sẻ tệp trên đám mây",
                "Lưu tệp công việc vào thư mục chung của doanh nghiệp thay vì máy cá nhân. Khi "
                "chia sẻ, chọn đúng người và quyền (xem hay sửa). Không để chế độ “ai có link "
                "cũng xem được” với tài liệu có dữ liệu khách hàng.",
            ),
            (
                "3. Bảng tính cơ bản",
                "Mỗi cột một loại thông tin, mỗi dòng một bản ghi. Dùng hàm SUM để cộng, lọc để "
                "tìm nhanh. Sao lưu trước khi sửa lớn.",
            ),
            (
                "4. Họp trực tuyến",
                "Vào họp đúng giờ, tắt micro khi không nói, bật camera khi được yêu cầu. Chia sẻ "
                "đúng cửa sổ cần trình bày, tắt thông báo để không lộ tin nhắn riêng.",
            ),
        ],
        "related": ["hop-truc-tuyen-chuyen-nghiep"],
    },
    {
        "kind": "video",
        "shelf": "worker",
        "slug": "hop-truc-tuyen-chuyen-nghiep",
        "title": "Họp trực tuyến chuyên nghiệp trong 5 bước",
        "summary": "Kiểm tra thiết bị, vào họp đúng giờ, tắt micro khi không nói, chia sẻ màn "
        "hình an toàn và gửi biên bản sau họp.",
        "audiences": ["worker", "official"],
        "competencies": ["LD.3.2", "CB.3.2"],
        "topics": ["họp trực tuyến"],
        "minutes": 3,
        "cover": ("screen", "green"),
        "video": "hop-truc-tuyen",
        "transcript": [
            (0, "Bước một: thử camera, micro và mạng trước giờ họp mười phút."),
            (5, "Bước hai: vào họp đúng giờ, đặt tên hiển thị bằng họ tên thật."),
            (10, "Bước ba: tắt micro khi không nói để tránh tiếng ồn."),
            (15, "Bước bốn: khi chia sẻ màn hình, chỉ chọn cửa sổ cần trình bày, tắt thông báo."),
            (20, "Bước năm: sau họp, gửi biên bản và việc cần làm cho mọi người."),
        ],
        "duration": 26,
        "related": ["so-tay-cong-cu-so-tai-noi-lam-viec"],
    },
    {
        "kind": "lesson",
        "shelf": "worker",
        "slug": "bao-ve-du-lieu-khach-hang",
        "title": "Bảo vệ dữ liệu khách hàng và doanh nghiệp",
        "summary": "Dữ liệu cá nhân của khách hàng phải được giữ kín. Bài học tương tác về những "
        "tình huống thường gặp ở cửa hàng và văn phòng.",
        "audiences": ["worker"],
        "competencies": ["LD.5.2", "LD.5.3", "LD.3.3"],
        "topics": ["dữ liệu cá nhân", "lừa đảo trực tuyến"],
        "minutes": 8,
        "cover": ("shield", "orange"),
        "body": [
            (
                "text",
                "<p>Họ tên, số điện thoại, địa chỉ, số căn cước của khách hàng là "
                "<b>dữ liệu cá nhân</b>. Doanh nghiệp và người lao động có trách nhiệm bảo "
                "vệ, chỉ dùng đúng mục đích khách đã đồng ý.</p>",
            ),
            (
                "single_choice",
                {
                    "question": "Một người gọi điện tự xưng là nhân viên công ty vận chuyển, xin danh "
                    "sách khách hàng kèm số điện thoại. Bạn làm gì?",
                    "choices": [
                        ("Gửi qua Zalo cho nhanh", False),
                        ("Từ chối và báo quản lý để xác minh qua kênh chính thức", True),
                        ("Gửi một nửa danh sách", False),
                    ],
                    "explanation": "Chỉ chia sẻ dữ liệu khi có hợp đồng, yêu cầu chính thức và được "
                    "quản lý đồng ý.",
                },
            ),
            (
                "true_false",
                {
                    "statement": "Chụp màn hình đơn hàng có số điện thoại khách rồi đăng lên nhóm "
                    "Facebook để “khoe đơn” là không sao.",
                    "is_true": False,
                    "explanation": "Đó là làm lộ dữ liệu cá nhân của khách. Che hết thông tin cá "
                    "nhân trước khi chia sẻ bất kỳ hình ảnh nào.",
                },
            ),
            (
                "text",
                "<h3>Thói quen tốt</h3><ul><li>Khóa màn hình khi rời máy.</li><li>Không "
                "dùng chung tài khoản.</li><li>Hủy giấy tờ có thông tin khách trước khi bỏ "
                "đi.</li></ul>",
            ),
        ],
        "related": ["phat-hien-thu-dien-tu-lua-dao"],
    },
]
