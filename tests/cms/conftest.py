from .fixtures import LESSON_BODY, framework, library, make_image, make_item, png_bytes

__all__ = ["LESSON_BODY", "framework", "library", "make_image", "make_item", "png_bytes"]
