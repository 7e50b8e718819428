"""Interface strings in Vietnamese (first) and English; the documents themselves stay Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from search import registry

MESSAGES: dict[str, tuple[str, Any]] = {  # English may be plural forms: {"one": …, "other": …}
    "site_name": ("Tra cứu tin Tuyên giáo", "Propaganda news search"),
    "tagline": (
        "Tin tức công tác Tuyên giáo các tỉnh, huyện",
        "News from provincial and district propaganda departments",
    ),
    "skip": ("Đến nội dung chính", "Skip to main content"),
    "nav_search": ("Tìm kiếm", "Search"),
    "nav_embed": ("Nhúng vào trang", "Embed"),
    "nav_embed_short": ("Nhúng", "Embed"),
    "switch_lang": ("English", "Tiếng Việt"),
    "switch_lang_title": ("Switch the interface to English", "Chuyển giao diện sang tiếng Việt"),
    "search_label": ("Tìm bài viết", "Search articles"),
    "search_placeholder": ("Ví dụ: chi thi 05", "e.g. chi thi 05"),
    "search_button": ("Tìm", "Search"),
    "search_hint": (
        'Gõ có dấu hay không dấu đều được. Dùng "ngoặc kép" để tìm cụm từ, -từ để loại trừ.',
        'Accents are optional. Use "quotes" for a phrase and -word to exclude a word.',
    ),
    "suggestions": ("Gợi ý", "Suggestions"),
    "filters": ("Bộ lọc", "Filters"),
    "filters_active": ("đang chọn", "selected"),
    "show_results": ("Xem {n} kết quả", {"one": "Show {n} result", "other": "Show {n} results"}),
    "apply_filters": ("Áp dụng bộ lọc", "Apply filters"),
    "active_filters": ("Đang lọc theo", "Filtered by"),
    "remove_filter": ("Bỏ lọc", "Remove filter"),
    "clear_all": ("Xóa tất cả", "Clear all"),
    "more_values": ("Xem thêm {n}", "{n} more"),
    "all_values": ("Xem tất cả {n} giá trị", {"one": "See the {n} value", "other": "See all {n} values"}),
    "filter_values": ("Lọc danh sách", "Filter this list"),
    "province_then": ("Khi đăng tin", "At publication"),
    "province_now": ("Hiện nay", "Today"),
    "province_then_title": ("63 tỉnh, thành như khi bài được đăng", "The 63 provinces as they were when published"),
    "province_now_title": ("34 tỉnh, thành sau sắp xếp ngày 1/7/2025", "The 34 provinces since 1 July 2025"),
    "province_view": ("Tính theo địa giới", "Province boundaries"),
    "district_in": ("trong tỉnh đã chọn", "in the chosen province"),
    "date_range": ("Khoảng thời gian", "Date range"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "histogram": ("Số bài theo năm", "Articles per year"),
    "brush_hint": ("Kéo qua các cột để chọn khoảng thời gian", "Drag across the bars to choose a period"),
    "results_count": ("{n} kết quả", {"one": "{n} result", "other": "{n} results"}),
    "took": ("{ms} ms", "{ms} ms"),
    "sort": ("Sắp xếp", "Sort"),
    "download": ("Tải về", "Download"),
    "feed": ("Nguồn tin Atom", "Atom feed"),
    "did_you_mean": ("Có phải bạn muốn tìm", "Did you mean"),
    "no_results": ("Không tìm thấy bài viết nào", "No articles found"),
    "no_results_for": ("Không tìm thấy bài viết nào cho «{q}»", "No articles found for “{q}”"),
    "no_results_tips": (
        "Thử bỏ bớt bộ lọc, dùng ít từ hơn, hoặc gõ không dấu.",
        "Try removing a filter, using fewer words, or typing without accents.",
    ),
    "empty_page": ("Trang này không có kết quả.", "This page has no results."),
    "first_page": ("Về trang đầu", "Back to the first page"),
    "pagination": ("Phân trang", "Pagination"),
    "prev": ("Trang trước", "Previous"),
    "next": ("Trang sau", "Next"),
    "page_n": ("Trang {n}", "Page {n}"),
    "results": ("Kết quả tìm kiếm", "Search results"),
    "now": ("nay", "now"),
    "units": ("Đơn vị", "Units"),
    "directives": ("Văn bản", "Directives"),
    "doc_date": ("Ngày đăng", "Published"),
    "doc_event_date": ("Ngày diễn ra", "Event date"),
    "about_title": ("Về dữ liệu", "About this data"),
    "about_intro": (
        "Những con số dưới đây được đếm từ chính chỉ mục đang trả lời tìm kiếm; hãy dẫn chúng khi trích dẫn.",
        "The figures below are counted from the very index that answers searches; cite them with your results.",
    ),
    "about_documents": ("Số bài viết", "Articles"),
    "about_generation": ("Phiên bản chỉ mục", "Index generation"),
    "about_updated": ("Cập nhật lúc", "Last changed"),
    "about_software": ("Phần mềm", "Software"),
    "about_sources": ("Bài viết theo nguồn và năm", "Articles by source and year"),
    "about_source": ("Nguồn", "Source"),
    "about_no_year": ("không rõ năm", "no year"),
    "about_coverage": ("Mức đầy đủ của từng trường", "How complete each field is"),
    "about_field": ("Trường", "Field"),
    "about_with_value": ("Số bài có giá trị", "Articles with a value"),
    "about_share": ("Tỷ lệ", "Share"),
    "about_provenance": ("Ngày và tiêu đề lấy từ đâu", "Where dates and titles were read"),
    "kind_directive": ("văn bản", "directive"),
    "kind_unit": ("đơn vị", "unit"),
    "kind_place": ("địa danh", "place"),
    "kind_event": ("loại sự kiện", "kind of event"),
    "kind_word": ("từ", "word"),
    "month_short": ("T{m}", "{m}"),
    "months_of": ("Các tháng năm {year}", "Months of {year}"),
    "embed_resize_comment": (
        "Không bắt buộc: khung tự cao theo kết quả",
        "Optional: the frame grows with its results",
    ),
    "kept_provinces_province": ("Đã chọn theo tỉnh khi đăng tin:", "Chosen by the province at publication:"),
    "kept_provinces_province_2025": ("Đã chọn theo tỉnh hiện nay:", "Chosen by today's province:"),
    "api_intro": (
        "Mọi trang kết quả đều có bản dành cho máy, cùng tham số. Mô tả dưới đây được sinh từ mã nguồn.",
        "Every results page has machine twins with the same parameters. This description is generated from the code.",
    ),
    "skip_results": ("Đến kết quả tìm kiếm", "Skip to the results"),
    "doc_undated": ("Không rõ ngày đăng", "Publication date unknown"),
    "doc_title_source": ("Tiêu đề lấy từ", "Title read from"),
    "doc_date_rejected": ("Ngày bị loại", "Date refused"),
    "from_metadata": ("theo siêu dữ liệu", "from the metadata"),
    "from_page": ("theo trang (tiêu đề, nhãn ngày đăng)", "from the page (headline, date label)"),
    "from_lead": ("theo đoạn mở đầu", "from the lead"),
    "from_url": ("dựng lại từ địa chỉ bài (URL)", "rebuilt from the URL"),
    "from_none": ("không đọc được", "not found"),
    "rejected_future": ("ở tương lai", "in the future"),
    "rejected_before_1945": ("trước năm 1945", "before 1945"),
    "doc_province": ("Tỉnh (khi đăng)", "Province (at publication)"),
    "doc_province_2025": ("Tỉnh (hiện nay)", "Province (today)"),
    "doc_district": ("Huyện, quận", "District"),
    "doc_units": ("Đơn vị", "Units"),
    "doc_directives": ("Văn bản được nhắc đến", "Directives cited"),
    "doc_author": ("Tác giả", "Author"),
    "doc_event": ("Loại sự kiện (kỳ)", "Kind of event (period)"),
    "doc_source": ("Nguồn", "Source"),
    "doc_source_link": ("Xem bài gốc", "Original article"),
    "doc_metadata": ("Thông tin bài viết", "About this article"),
    "doc_filter_hint": ("Bấm vào một giá trị để tìm các bài cùng loại.", "Select a value to find articles like it."),
    "doc_back": ("Quay lại kết quả", "Back to results"),
    "doc_more_like_this": ("Bài viết tương tự", "More like this"),
    "doc_json": ("Dữ liệu JSON", "JSON data"),
    "embed_title": ("Nhúng ô tìm kiếm vào trang của bạn", "Embed the search on your portal"),
    "embed_intro": (
        "Chép một trong hai đoạn mã dưới đây vào trang của cơ quan bạn. Không cần cài đặt gì thêm.",
        "Copy one of the snippets below into your portal's page. Nothing else to install.",
    ),
    "embed_scope": ("Giới hạn theo tỉnh hoặc đơn vị (không bắt buộc)", "Limit to a province or unit (optional)"),
    "embed_any": ("— Tất cả —", "— Any —"),
    "embed_update": ("Cập nhật đoạn mã", "Update the snippets"),
    "embed_form_title": ("1. Ô tìm kiếm (mở kết quả ở trang này)", "1. A search box (opens results here)"),
    "embed_form_text": (
        "Một biểu mẫu HTML thuần, không dùng JavaScript, hoạt động ở mọi trang.",
        "A plain HTML form, no JavaScript, works on any page.",
    ),
    "embed_iframe_title": ("2. Khung kết quả gọn (iframe)", "2. A compact results frame (iframe)"),
    "embed_iframe_text": (
        "Hiển thị ô tìm kiếm và kết quả ngay trong trang của bạn.",
        "Shows the search box and results inside your page.",
    ),
    "embed_iframe_allow": (
        "Khung này chỉ đọc nên mọi trang đều nhúng được. Quản trị viên có thể giới hạn bằng:",
        "The frame is read-only, so any site may embed it. An administrator can narrow that with:",
    ),
    "embed_iframe_narrowed": (
        "Chỉ các trang sau được nhúng khung này; trình duyệt chặn ở mọi trang khác. Thiết lập:",
        "Only these sites may embed the frame; browsers block it everywhere else. The setting:",
    ),
    "embed_allowed": ("Đang cho phép", "Currently allowed"),
    "embed_preview": ("Xem trước", "Preview"),
    "embed_api": ("3. Dữ liệu cho lập trình viên", "3. Data for developers"),
    "embed_api_text": (
        "Mọi trang kết quả đều có bản JSON, CSV và Atom với cùng tham số.",
        "Every results page has JSON, CSV and Atom twins with the same parameters.",
    ),
    "copy": ("Chép", "Copy"),
    "copied": ("Đã chép", "Copied"),
    "embed_label": ("Tìm tin Tuyên giáo", "Search propaganda news"),
    "embed_all_results": ("Xem đầy đủ kết quả và bộ lọc", "See all results and filters"),
    "syntax_link": ("Cú pháp tìm kiếm", "Search syntax"),
    "syntax_title": ("Cú pháp tìm kiếm", "Search syntax"),
    "syntax_intro": (
        "Gõ có dấu hay không dấu đều được. Bấm vào một ví dụ để chạy thử.",
        "Accents are optional. Click an example to run it.",
    ),
    "syntax_example": ("Ví dụ", "Example"),
    "syntax_meaning": ("Ý nghĩa", "What it finds"),
    "syntax_accents": (
        "Không dấu vẫn tìm được bài có dấu (“tuyên giáo”); kết quả đúng dấu nhất lên trước.",
        "Without accents it still finds the accented words (“tuyên giáo”); the likeliest accents rank first.",
    ),
    "syntax_words": (
        "Bài có đủ các từ, mỗi từ các âm tiết đứng liền nhau (“hội nghị”, “tổng kết”); cả cụm liền nhau lên trước.",
        "Articles with every word, each word's syllables together; the whole phrase together ranks first.",
    ),
    "syntax_phrase": ("Trong ngoặc kép: đúng cụm từ, liền nhau.", "In quotes: exactly this phrase, together."),
    "syntax_exclude": ("Dấu trừ: loại các bài có từ này.", "A minus: leave out articles with this word."),
    "syntax_not": ("NOT: như dấu trừ.", "NOT: the same as a minus."),
    "syntax_or": ("OR: bài có một trong hai.", "OR: articles with either."),
    "syntax_and": ("AND: bài có cả hai (đây cũng là mặc định).", "AND: articles with both (also the default)."),
    "syntax_prefix": ("Dấu sao ở cuối: mọi từ bắt đầu như vậy.", "A star at the end: every word starting so."),
    "syntax_title_field": (
        "title: chỉ tìm trong tiêu đề (body: chỉ trong nội dung).",
        "title: only in titles (body: only in the text).",
    ),
    "syntax_facet": (
        "Lọc theo tỉnh (cũng: district, unit, directive, source).",
        "Filter by province (also: district, unit, directive, source).",
    ),
    "syntax_year": ("Lọc theo năm.", "Filter by year."),
    "syntax_directive": (
        "Văn bản chỉ đạo gõ kiểu nào cũng được: chi thi 05, CT 05, ct05, 05-CT/TW.",
        "A directive typed any common way: chi thi 05, CT 05, ct05, 05-CT/TW.",
    ),
    "syntax_ranking": (
        "Thứ tự kết quả: văn bản được nêu, đủ các từ, cả cụm liền nhau, các âm tiết gần nhau, đúng dấu, trong tiêu đề, "
        "trong đoạn mở đầu, rồi độ liên quan (BM25) và ngày đăng.",
        "Results are ordered by: the directive named, every word, the whole phrase, syllables together, exact "
        "accents, in the title, in the lead, then relevance (BM25) and date.",
    ),
    "interpreted_as": ("Kết quả cho:", "Results for:"),
    "search_as_typed": ("Tìm đúng như đã gõ: {q}", "Search exactly as typed: {q}"),
    "other_readings": ("Hoặc có dấu khác:", "Or with other accents:"),
    "notice_loose_match": (
        "Không có bài nào chứa các từ này liền nhau; đang hiện các bài có đủ các âm tiết ở bất kỳ đâu.",
        "No article holds these words together; showing articles with all the syllables anywhere.",
    ),
    "notice_operators_ignored": (
        "Dấu ngoặc, NEAR, ~ và ^ không được hỗ trợ và được đọc như chữ.",
        "Parentheses, NEAR, ~ and ^ are not supported and were read as words.",
    ),
    "attention_link": ("Theo thời gian", "Over time"),
    "attention_title": ("Mức độ đưa tin theo thời gian", "Attention over time"),
    "attention_intro": (
        "Số bài khớp với mỗi truy vấn theo ngày, tuần, tháng hoặc năm; so sánh tối đa năm truy vấn trên cùng trục.",
        "Matching articles per day, week, month or year; compare up to five searches on one axis.",
    ),
    "attention_back": ("Về kết quả tìm kiếm", "Back to the results"),
    "attention_queries": ("Truy vấn (tối đa {max})", "Searches (at most {max})"),
    "attention_query_n": ("Truy vấn {n}", "Search {n}"),
    "attention_add": ("Thêm truy vấn để so sánh", "Add a search to compare"),
    "attention_all": ("Tất cả bài viết", "All articles"),
    "attention_interval": ("Khoảng", "Interval"),
    "attention_measure": ("Đơn vị đo", "Measure"),
    "attention_draw": ("Vẽ biểu đồ", "Draw"),
    "attention_shared": ("Bộ lọc chung", "Shared filters"),
    "attention_nothing_dated": (
        "Không có bài nào có ngày đăng trong phạm vi này, nên không có gì để vẽ.",
        "No dated article in this scope, so there is nothing to draw.",
    ),
    "attention_chart_label": (
        "Biểu đồ đường; số liệu đầy đủ ở bảng bên dưới",
        "Line chart; every number is in the table below",
    ),
    "attention_matched": ("{n} bài khớp", {"one": "{n} matching article", "other": "{n} matching articles"}),
    "attention_undated": ("{n} bài không rõ ngày (không có trên trục)", "{n} undated (not on the axis)"),
    "attention_remove": ("Bỏ truy vấn này", "Remove this search"),
    "attention_share_note": (
        "Tỷ lệ = số bài khớp chia cho mọi bài cùng bộ lọc và cùng khoảng thời gian, không kể từ khóa. "
        "Khoảng không có bài nào không có tỷ lệ (đường bị ngắt).",
        "Share = matching articles divided by every article under the same filters in the same period, the "
        "words aside. A period without any article has no share (the line breaks).",
    ),
    "attention_table": ("Bảng số liệu", "The numbers"),
    "attention_period": ("Khoảng", "Period"),
    "attention_col_count": ("Số bài", "Articles"),
    "attention_col_total": ("Tổng (cùng bộ lọc)", "All (same filters)"),
    "attention_col_share": ("Tỷ lệ", "Share"),
    "interval_auto": ("Tự động", "Automatic"),
    "interval_day": ("Ngày", "Day"),
    "interval_week": ("Tuần", "Week"),
    "interval_month": ("Tháng", "Month"),
    "interval_year": ("Năm", "Year"),
    "interval_per_day": ("theo ngày", "per day"),
    "interval_per_week": ("theo tuần", "per week"),
    "interval_per_month": ("theo tháng", "per month"),
    "interval_per_year": ("theo năm", "per year"),
    "measure_share": ("Tỷ lệ", "Share"),
    "measure_share_title": (
        "Phần trăm trong số mọi bài cùng bộ lọc",
        "Percent of every article under the same filters",
    ),
    "measure_count": ("Số bài", "Articles"),
    "cite_heading": ("Trích dẫn", "Cite"),
    "cite_copy": ("Chép trích dẫn", "Copy citation"),
    "cite_copied": ("Đã chép", "Copied"),
    "cite_hint": (
        "Kiểu APA. Zotero đọc được trang này; RIS cho EndNote, Mendeley; BibTeX cho LaTeX.",
        "APA style. Zotero reads this page; RIS for EndNote and Mendeley; BibTeX for LaTeX.",
    ),
    "follow": ("Theo dõi", "Follow"),
    "follow_intro": (
        "Không cần tài khoản: thêm nguồn tin vào trình đọc tin (hay Outlook, Thunderbird) để nhận bài mới "
        "của tìm kiếm này.",
        "No account needed: add the feed to a feed reader (or Outlook, Thunderbird) to get this search's new articles.",
    ),
    "follow_feed": ("Nguồn tin Atom", "Atom feed"),
    "follow_permalink": ("Đường dẫn cố định", "Permanent link"),
    "follow_cron": (
        "Cán bộ quản trị có thể nhận bản tin hằng ngày bằng lệnh:",
        "Administrators can get a daily digest with:",
    ),
    "directive_page": ("Trang văn bản", "Directive page"),
    "directive_articles": (
        "{n} bài viết nêu văn bản",
        {"one": "{n} article cites it", "other": "{n} articles cite it"},
    ),
    "directive_year": ("năm {year}", "issued {year}"),
    "directive_term": ("khóa {term}", "term {term}"),
    "directive_not_in_catalogue": (
        "Văn bản chưa có trong danh mục: chỉ biết số hiệu mà các bài viết nêu.",
        "Not in the catalogue: only the code the articles cite is known.",
    ),
    "directive_issuer": ("Cơ quan ban hành", "Issued by"),
    "directive_issued": ("Năm ban hành", "Year of issue"),
    "directive_year_only": ("(danh mục chỉ ghi năm)", "(the catalogue holds the year only)"),
    "directive_coverage": ("Bài viết", "Coverage"),
    "directive_undated": ("{n} bài không rõ ngày", "{n} undated"),
    "directive_several": ("Số hiệu này dùng cho nhiều văn bản", "This number names several documents"),
    "directive_timeline": ("Bài viết theo thời gian", "Articles over time"),
    "directive_compare": ("so sánh, xem tỷ lệ", "compare, see shares"),
    "directive_no_dates": ("Không có bài viết nào có ngày đăng.", "No dated article."),
    "directive_first_reports": ("Bài đầu tiên ở mỗi tỉnh", "The first report in each province"),
    "directive_grid": ("Các tỉnh, thành phố (trước 2025)", "Provinces (before 2025)"),
    "directive_grid_dated": ("có bài (năm của bài đầu tiên)", "reported (year of the first report)"),
    "directive_grid_undated": ("chỉ có bài không rõ ngày", "only undated reports"),
    "directive_province": ("Tỉnh", "Province"),
    "directive_first_date": ("Ngày đầu tiên", "First day"),
    "directive_first_article": ("Bài đầu tiên", "First article"),
    "directive_only_undated": ("Chỉ có bài không rõ ngày:", "Only undated reports:"),
    "directive_no_province": ("{n} bài không xác định được tỉnh.", "{n} articles have no known province."),
    "directive_cited_with": ("Văn bản được nêu cùng", "Cited together with"),
    "directive_together_n": ("{n} bài", {"one": "{n} article", "other": "{n} articles"}),
    "notable_link": ("Từ nổi bật", "Notable words"),
    "notable_title": ("Từ nổi bật", "Notable words"),
    "notable_intro": (
        "Những từ, người và địa danh xuất hiện trong {sample} bài (lấy mẫu từ {matched} bài khớp) nhiều hơn hẳn so "
        "với toàn bộ {total} bài. Bấm vào một mục để thêm vào truy vấn.",
        "Words, people and places found in {sample} articles (sampled from {matched} matches) far more often than in "
        "all {total}. Click one to add it to the search.",
    ),
    "notable_words": ("Từ, cụm từ", "Words and phrases"),
    "notable_people": ("Người", "People"),
    "notable_places": ("Địa danh", "Places"),
    "notable_add": ("Thêm vào truy vấn", "Add to the search"),
    "notable_docs": ("{n}/{sample} bài", "in {n} of {sample}"),
    "notable_background": ("{n} bài trong toàn bộ", "{n} in all"),
    "notable_empty": ("Không có mục nào nổi bật.", "Nothing stands out."),
    "notable_none": ("Không có bài nào khớp.", "No article matches."),
    "notable_none_whole": (
        "Tìm kiếm này khớp với mọi bài: không có gì nổi bật so với chính nó. Hãy nhập từ khóa hoặc chọn bộ lọc.",
        "This search matches every article: nothing stands out against itself. Type words or choose a filter.",
    ),
    "notable_method": (
        "Điểm JLH (như Elasticsearch): tỷ lệ trong các bài mẫu so với tỷ lệ trong toàn bộ. Bỏ từ dừng (danh sách "
        "stopwords-iso) và chính các từ đã tìm. Người: cụm chữ viết hoa bắt đầu bằng họ; địa danh: theo danh mục "
        "hành chính.",
        "JLH score (as in Elasticsearch): the share among the sampled articles against the share in all of them. "
        "Stop words (the stopwords-iso list) and the searched words themselves are left out. People: capitalised "
        "runs starting with a family name; places: from the gazetteer.",
    ),
    "copies_n": ("{n} bản đăng lại", {"one": "{n} republished copy", "other": "{n} republished copies"}),
    "stories_count": (
        "{n} tin (gộp bản đăng lại)",
        {"one": "{n} story (copies grouped)", "other": "{n} stories (copies grouped)"},
    ),
    "copies_all": ("Hiện mọi bản đăng lại", "Show every copy"),
    "copies_group": ("Gộp các bản đăng lại", "Group republished copies"),
    "count_stories": ("Đếm theo tin", "Count stories"),
    "count_articles": ("Đếm theo bài", "Count articles"),
    "error_title": ("Không thực hiện được yêu cầu", "The request could not be handled"),
    "error_400": ("Tham số chưa đúng", "Something in the address is not right"),
    "error_404": ("Không tìm thấy trang", "Page not found"),
    "error_405": ("Phương thức không được hỗ trợ", "Method not allowed"),
    "error_429": ("Quá nhiều yêu cầu, xin thử lại sau ít phút", "Too many requests: please try again shortly"),
    "error_503": ("Chưa có chỉ mục tìm kiếm", "No search index yet"),
    "error_no_index": (
        "Chưa có chỉ mục tìm kiếm. Quản trị viên cần tạo chỉ mục bằng lệnh vnsearch index.",
        "There is no search index yet. An administrator has to build one with vnsearch index.",
    ),
    "error_backend_unavailable": (
        "Máy chủ tìm kiếm tạm thời không trả lời. Xin thử lại sau ít phút.",
        "The search servers are not answering at the moment. Please try again in a few minutes.",
    ),
    "error_index_outdated": (
        "Chỉ mục được tạo bởi một phiên bản khác. Quản trị viên cần tạo lại bằng lệnh vnsearch index.",
        "The index was built by another version. An administrator has to build it again with vnsearch index.",
    ),
    "error_500": ("Đã có lỗi xảy ra", "Something went wrong"),
    "error_home": ("Về trang tìm kiếm", "Back to search"),
    "footer_about": (
        "Dữ liệu tổng hợp từ cổng thông tin các tỉnh, huyện.",
        "Collected from provincial and district portals.",
    ),
}

LEVELS: dict[str, tuple[str, str]] = {
    "trung ương": ("Trung ương", "Central"),
    "tỉnh": ("Cấp tỉnh", "Province level"),
    "huyện": ("Cấp huyện", "District level"),
    "xã": ("Cấp xã", "Commune level"),
}


def facet_label(lang: str, name: str, value: str) -> str:
    """How a facet value reads in the interface (the value itself stays in URLs)."""
    if name == "level" and value.lower() in LEVELS:
        return LEVELS[value.lower()][1 if lang == "en" else 0]
    facet = registry.FACETS.get(name)
    if facet is not None and facet.value_labels and value in facet.value_labels:
        return facet.value_labels[value][1 if lang == "en" else 0]
    return value


# The engine's error codes (search.retrieval.request.ERRORS), as the reader sees them.
ERRORS: dict[str, tuple[str, str]] = {
    "not_on_backend": (
        "Chức năng này chưa có khi tìm trên {backend}",
        "This feature is not offered on the {backend} backend yet",
    ),
    "unknown_facet": ("Không có bộ lọc '{facet}'", "Unknown facet '{facet}'"),
    "bad_sort": ("Cách sắp xếp không hợp lệ (dùng {sorts})", "Sort must be one of {sorts}"),
    "bad_page": ("'page' phải là số nguyên từ 1", "'page' must be a whole number from 1"),
    "bad_per_page": (
        "'per_page' phải là số nguyên từ 1 đến {max}",
        "'per_page' must be a whole number from 1 to {max}",
    ),
    "bad_date": ("Ngày không hợp lệ cho '{name}': dùng YYYY-MM-DD", "Invalid date for '{name}': use YYYY-MM-DD"),
    "date_order": ("'from' phải trước 'to'", "'from' must not be after 'to'"),
    "too_many_values": (
        "Quá nhiều giá trị cho '{facet}' (tối đa {max})",
        "Too many values for '{facet}' (at most {max})",
    ),
    "value_too_long": (
        "Giá trị quá dài cho '{facet}' (tối đa {max} ký tự)",
        "Value too long for '{facet}' (at most {max} characters)",
    ),
    "query_too_long": ("Câu truy vấn quá dài (tối đa {max} ký tự)", "Query too long (at most {max} characters)"),
    "too_many_series": ("So sánh từ 1 đến {max} truy vấn", "Compare from 1 to {max} searches"),
    "bad_interval": ("Khoảng thời gian phải là một trong {intervals}", "Interval must be one of {intervals}"),
    "too_many_buckets": (
        "Quá nhiều khoảng '{interval}' cho giai đoạn này (tối đa {max}): chọn khoảng dài hơn",
        "Too many {interval} periods for this span (at most {max}): choose a longer interval",
    ),
}


def _registered(key: str) -> tuple[str, str] | None:
    """Labels that live with their facet or sort in the registry ("facet_year", "sort_newest")."""
    kind, _, name = key.partition("_")
    if kind == "facet" and name in registry.FACETS:
        return registry.FACETS[name].label
    if kind == "sort" and name in registry.SORTS:
        return registry.SORTS[name].label
    return None


def error_message(lang: str, code: str, params: dict[str, object]) -> str:
    pair = ERRORS[code]
    return (pair[1] if lang == "en" else pair[0]).format(**params)


def translate(lang: str, key: str, count: int | None = None, **kw: object) -> str:
    """The message in the reader's language; ``count`` picks its plural form (CLDR rules, by Babel)."""
    pair = MESSAGES.get(key) or _registered(key)
    if pair is None:
        return key
    text: Any = pair[1] if lang == "en" else pair[0]
    if isinstance(text, dict):
        form = Locale.parse(lang).plural_form(count if count is not None else 0)
        text = text.get(form) or text["other"]
    return text.format(**kw) if kw else text


def number(lang: str, n: int | float) -> str:
    """12.345 in Vietnamese, 12,345 in English (CLDR, by Babel)."""
    return format_decimal(n, format="#,##0", locale=lang)  # whole numbers: counts, milliseconds


def decimal(lang: str, n: float, pattern: str = "#,##0.##") -> str:
    """A share or a ratio: 12,5 in Vietnamese, 12.5 in English."""
    return format_decimal(n, format=pattern, locale=lang)


# Vietnamese news writes days as 06/01/2022; English readers get "Jan 6, 2022".
DAY_FORMATS = {"vi": "dd/MM/y", "en": "medium"}


def day(lang: str, value: str | dt.date | None) -> str:
    if not value:
        return ""
    try:
        d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_date(d, DAY_FORMATS.get(lang, "medium"), locale=lang)
