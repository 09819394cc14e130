"""The blocks an article's body is made of: text, and images with their captions."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Rich text as the Propaganda board writes it; no embeds (they would fetch from outside).
TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "portal/blocks/captioned_image.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=TEXT_FEATURES)
    image = CaptionedImageBlock()
    quote = blocks.BlockQuoteBlock(label=_("Trích dẫn"))
