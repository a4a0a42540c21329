"""The page's words in Chinese and English, the language picked from the browser's
``Accept-Language`` (``?lang=zh|en`` overrides it), and the masking errors put into words a consumer
understands. Messages never contain personal data: they are built from the library's messages,
which never do (``waybill.errors``)."""
from __future__ import annotations

import re

LANGS = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "html_lang": "en",
        "title": "Black out a shipping label",
        "tagline": "Drop or photograph a parcel label and get it back with the name, phone number and "
                   "address blacked out, before the box goes in the bin or a photo of it goes online.",
        "local_note": "Everything happens on this computer: nothing is sent anywhere else, nothing is kept "
                      "after the result is shown.",
        "lan_note": "Open on the local network with an access link. Only people with the link can use it.",
        "switch_lang": "中文",
        "switch_lang_label": "Switch to Chinese",
        "step_files": "2. Your labels",
        "drop_hint": "Drop label photos, scans or PDFs here",
        "pick": "Choose files",
        "camera": "Take a photo",
        "types_hint": "Photos and scans (JPEG, PNG, WebP, TIFF, BMP, GIF) or PDF, up to {max_mb} MB "
                      "and {max_mp} megapixels each.",
        "step_preset": "1. How much to hide",
        "preset_dispose": "Throw away",
        "preset_dispose_help": "Everything personal is blacked out: names, phone numbers, addresses, "
                               "tracking numbers and codes. For a box going in the bin.",
        "preset_share": "Share a photo",
        "preset_share_help": "Keeps the surname, the last 4 digits and the city so the photo still makes "
                             "sense; hides the rest. For posting a photo of a parcel.",
        "redo": "Mask these files again: {preset}",
        "step_results": "3. Results",
        "results_empty": "No labels yet. Masked labels appear here, original and result side by side.",
        "original": "Original",
        "masked": "Masked",
        "outlines": "Outline masked areas",
        "download": "Download",
        "download_all": "Download all (zip)",
        "clear": "Clear results",
        "working": "Masking {name}… reading the text takes a few seconds.",
        "queued": "Waiting: {name}",
        "done": "Done: {name}",
        "failed": "Could not mask {name}",
        "all_done": "{ok} of {n} file(s) masked.",
        "found": "Masked {total}: {list}.",
        "count_item": "{type} ×{n}",
        "list_sep": ", ",
        "found_none": "Nothing personal was found. Check the result before you use it.",
        "page_n": "Page {n}",
        "pages_more": "Showing {shown} of {n} pages; the download has all of them.",
        "preset_used": "Preset: {preset}",
        "alt_original": "Original of {name}, page {n}",
        "alt_masked": "Masked {name}, page {n}",
        "noscript": "This page needs JavaScript (served from this computer; no third-party scripts).",
        "footer": "waybill {version} · the same masking as the waybill command line",
        "type_name": "name",
        "type_phone": "phone number",
        "type_address": "address part",
        "type_id_card": "ID number",
        "type_email": "e-mail",
        "type_tracking": "tracking number",
        "type_landline": "landline number",
        "type_address_region": "province/city/district",
        "type_virtual_phone": "relay number",
        "type_masked": "already masked value",
        "type_graphic": "graphic",
        "type_phone_intl": "phone number",
        "type_code_2d": "QR/2D code",
        "type_code": "barcode or QR code",
        "type_uncertain_text": "unclear line",
        "type_comment": "comment in a print stream",
        "type_other": "other",
        "forbidden": "This page needs its access link. Open the link (or scan the QR code) printed where "
                     "waybill serve was started.",
        "err_network": "The page could not reach waybill (is waybill serve still running?).",
        "err_too_large": "The file is too large: {size} MB (the limit is {max_mb} MB).",
        "err_too_many_pixels": "The image is too large: {mp} megapixels (the limit is {max_mp}). "
                               "Take the photo at a lower resolution or crop it.",
        "err_too_many_pages": "The PDF has {pages} pages (the limit is {max_pages}).",
        "err_page_too_large": "A PDF page is too large ({mp} megapixels at print resolution; the limit "
                              "is {max_mp}).",
        "err_unsupported": "This file type ({ext}) is not supported here. Use a photo, a scan or a PDF "
                           "of the label.",
        "err_export": "This page takes label photos, scans and PDFs. Exports ({ext}) are masked with the "
                      "command line: waybill mask FILE.",
        "err_heic": "HEIC photos are not supported. Choose JPEG (on an iPhone: Settings › Camera › "
                    "Formats › Most Compatible) or share the photo as JPEG.",
        "err_empty": "The file is empty.",
        "err_unreadable_image": "The file is not a readable image (damaged or not really an image).",
        "err_broken_pdf": "The PDF is damaged and cannot be read.",
        "err_encrypted_pdf": "The PDF is password-protected. Remove the password and try again.",
        "err_not_pdf": "The file is not a PDF.",
        "err_no_text": "No text could be read from the picture. Take the photo closer, in focus and in "
                       "good light, with the whole label in view.",
        "err_small": "The image is too small to hold a label.",
        "err_animated": "Animated or multi-frame images are not supported.",
        "err_no_pages": "The PDF has no pages.",
        "err_busy": "waybill is busy with other files. Try again in a moment.",
        "err_bad_preset": "Unknown preset.",
        "err_no_file": "No file was sent.",
        "err_bad_request": "The upload could not be read. Try again.",
        "err_missing": "waybill is missing a component: {detail}",
        "err_internal": "Something went wrong inside waybill ({detail}). Nothing was kept.",
        "err_other": "The file could not be masked: {detail}",
    },
    "zh": {
        "html_lang": "zh-CN",
        "title": "快递面单打码",
        "tagline": "把快递面单拖到这里或直接拍照，姓名、电话和地址会被涂黑；纸箱扔掉之前、晒快递照片之前用一下。",
        "local_note": "全部在这台电脑上完成：不上传到任何其他地方，结果显示后不保留任何文件。",
        "lan_note": "通过局域网访问链接打开，只有拿到链接的人可以使用。",
        "switch_lang": "English",
        "switch_lang_label": "切换到英文",
        "step_files": "2. 选择面单",
        "drop_hint": "把面单照片、扫描件或 PDF 拖到这里",
        "pick": "选择文件",
        "camera": "拍照",
        "types_hint": "照片或扫描件（JPEG、PNG、WebP、TIFF、BMP、GIF）或 PDF，每个文件不超过 {max_mb} MB、{max_mp} 百万像素。",
        "step_preset": "1. 打码程度",
        "preset_dispose": "丢弃纸箱",
        "preset_dispose_help": "所有个人信息全部涂黑：姓名、电话、地址、运单号和二维码。适合要扔掉的快递箱。",
        "preset_share": "晒图分享",
        "preset_share_help": "保留姓氏、电话后四位和所在城市，其余隐藏。适合在网上晒快递照片。",
        "redo": "用「{preset}」重新打码这些文件",
        "step_results": "3. 结果",
        "results_empty": "还没有面单。打码后原图和结果会在这里并排显示。",
        "original": "原图",
        "masked": "打码后",
        "outlines": "标出打码区域",
        "download": "下载",
        "download_all": "全部下载（zip）",
        "clear": "清除结果",
        "working": "正在处理 {name}……识别文字需要几秒钟。",
        "queued": "等待中：{name}",
        "done": "完成：{name}",
        "failed": "无法处理 {name}",
        "all_done": "已完成 {ok}/{n} 个文件。",
        "found": "已打码 {total} 处：{list}。",
        "count_item": "{type} {n} 处",
        "list_sep": "、",
        "found_none": "没有发现个人信息。使用前请再检查一下结果。",
        "page_n": "第 {n} 页",
        "pages_more": "显示 {n} 页中的 {shown} 页；下载的文件包含全部页面。",
        "preset_used": "打码程度：{preset}",
        "alt_original": "{name} 的原图，第 {n} 页",
        "alt_masked": "{name} 打码后，第 {n} 页",
        "noscript": "本页面需要 JavaScript（由这台电脑提供，没有第三方脚本）。",
        "footer": "waybill {version} · 与 waybill 命令行相同的打码",
        "type_name": "姓名",
        "type_phone": "电话",
        "type_address": "地址",
        "type_id_card": "身份证号",
        "type_email": "邮箱",
        "type_tracking": "运单号",
        "type_landline": "固定电话",
        "type_address_region": "省市区",
        "type_virtual_phone": "虚拟号",
        "type_masked": "已打码的内容",
        "type_graphic": "图形",
        "type_phone_intl": "电话",
        "type_code_2d": "二维码",
        "type_code": "条码/二维码",
        "type_uncertain_text": "看不清的文字行",
        "type_comment": "打印指令中的注释",
        "type_other": "其他",
        "forbidden": "此页面需要访问链接。请打开启动 waybill serve 时显示的链接（或扫描二维码）。",
        "err_network": "无法连接 waybill（waybill serve 还在运行吗？）。",
        "err_too_large": "文件太大：{size} MB（上限 {max_mb} MB）。",
        "err_too_many_pixels": "图片太大：{mp} 百万像素（上限 {max_mp}）。请降低拍照分辨率或裁剪后再试。",
        "err_too_many_pages": "PDF 有 {pages} 页（上限 {max_pages} 页）。",
        "err_page_too_large": "PDF 页面太大（按打印分辨率为 {mp} 百万像素，上限 {max_mp}）。",
        "err_unsupported": "不支持这种文件类型（{ext}）。请使用面单的照片、扫描件或 PDF。",
        "err_export": "本页面只处理面单照片、扫描件和 PDF。导出的表格（{ext}）请用命令行打码：waybill mask 文件。",
        "err_heic": "不支持 HEIC 格式照片。请改用 JPEG（iPhone：设置 › 相机 › 格式 › 兼容性最佳），或以 JPEG 分享照片。",
        "err_empty": "文件是空的。",
        "err_unreadable_image": "无法读取这张图片（文件损坏或不是图片）。",
        "err_broken_pdf": "PDF 已损坏，无法读取。",
        "err_encrypted_pdf": "PDF 设有密码。请去掉密码后再试。",
        "err_not_pdf": "这不是 PDF 文件。",
        "err_no_text": "图片上识别不到文字。请靠近一些、对准焦点、光线充足，并拍下整张面单。",
        "err_small": "图片太小，不可能是一张面单。",
        "err_animated": "不支持动图或多帧图片。",
        "err_no_pages": "PDF 没有页面。",
        "err_busy": "waybill 正在处理其他文件，请稍后再试。",
        "err_bad_preset": "未知的打码程度。",
        "err_no_file": "没有收到文件。",
        "err_bad_request": "无法读取上传的内容，请重试。",
        "err_missing": "waybill 缺少组件：{detail}",
        "err_internal": "waybill 内部出错（{detail}）。没有保留任何内容。",
        "err_other": "无法处理这个文件：{detail}",
    },
}

# the library's messages (waybill.errors: never personal data) -> the page's error codes
_LIBRARY_MESSAGES = [
    (re.compile(r"^empty (file|input)"), "err_empty"),
    (re.compile(r"^not a readable image"), "err_unreadable_image"),
    (re.compile(r"^image too small"), "err_small"),
    (re.compile(r"^image larger than"), "err_too_many_pixels"),
    (re.compile(r"^animated or multi-frame"), "err_animated"),
    (re.compile(r"^no text could be read"), "err_no_text"),
    (re.compile(r"^encrypted PDF"), "err_encrypted_pdf"),
    (re.compile(r"^broken PDF|^page \d+ could not be rendered"), "err_broken_pdf"),
    (re.compile(r"^not a PDF"), "err_not_pdf"),
    (re.compile(r"^PDF has no pages"), "err_no_pages"),
    (re.compile(r"^PDF has more than"), "err_too_many_pages"),
    (re.compile(r"^unsupported (file type|format)"), "err_unsupported"),
]


def code_for_library_message(message: str, missing_dependency: bool = False) -> str:
    if missing_dependency:
        return "err_missing"
    for rx, code in _LIBRARY_MESSAGES:
        if rx.search(message):
            return code
    return "err_other"


def pick(accept_language: str | None, override: str | None = None) -> str:
    """``zh`` or ``en``: the override when it names one, else the browser's preferred language of the
    two (by q-value, then order), else English."""
    if override:
        o = override.strip().lower()[:2]
        if o in LANGS:
            return o
    best, best_q = "en", -1.0
    for i, part in enumerate((accept_language or "").split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        q = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        primary = tag.split("-")[0]
        if primary in LANGS and q > 0 and q > best_q:
            best, best_q = primary, q
    return best


def text(lang: str, key: str, **params) -> str:
    table = STRINGS.get(lang, STRINGS["en"])
    s = table.get(key) or STRINGS["en"].get(key) or key
    if params:
        try:
            s = s.format(**params)
        except (KeyError, IndexError, ValueError):
            pass
    return s
