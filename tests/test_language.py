"""The article's language, from its script and function words."""
from __future__ import annotations

import pytest

from rashomon.extractors.language import detect_language


@pytest.mark.parametrize("text, language", [
    # short English leans on words other languages share ("a", "de", "la"): still English
    ("Al Jazeera reported, citing a local activist, that government forces shelled a village.", "en"),
    ("A man and a boy were taken from a farm near La Paz, a police source said.", "en"),
    ("The army said rebels attacked the convoy on the road to the capital on Monday.", "en"),
    ("Le gouvernement a annoncé que les forces de sécurité ont arrêté deux suspects dans la ville.", "fr"),
    ("O governo disse que as forças de segurança prenderam dois suspeitos na cidade de Lisboa.", "pt"),
    ("Die Regierung sagte, dass die Sicherheitskräfte zwei Verdächtige in der Stadt festgenommen haben.", "de"),
    ("قال مسؤولون إن القوات الحكومية قصفت القرية", "ar"),
    ("1234 5678 ---", None),
])
def test_language_of_a_text(text, language):
    assert detect_language(text) == language
