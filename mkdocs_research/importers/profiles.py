"""Social and profile links as al-folio and academicpages keep them, as ``profile.yml`` links.

al-folio names each network by a key holding an id (``scholar_userid: qc6CJjYAAAAJ``, in
``_data/socials.yml`` or, in older versions, ``_config.yml``); academicpages has an
``author:`` block holding URLs or user names (``googlescholar: https://…``, ``github:
user``). Networks ``profile.yml`` has a link kind for become profile links with their icons;
the others become links under the home page's header, so none is lost.
"""

from __future__ import annotations

from typing import Any

from .jekyll import JekyllSite, plain
from .plan import counted

#: al-folio key → (profile link kind or label of a plain link, URL template)
ALFOLIO: dict[str, tuple[str, str]] = {
    "scholar_userid": ("scholar", "https://scholar.google.com/citations?user={}"),
    "orcid_id": ("orcid", "https://orcid.org/{}"),
    "dblp_url": ("dblp", "{}"),
    "semanticscholar_id": ("semantic_scholar", "https://www.semanticscholar.org/author/{}"),
    "github_username": ("github", "https://github.com/{}"),
    "x_username": ("x", "https://x.com/{}"),
    "twitter_username": ("twitter", "https://twitter.com/{}"),
    "bluesky_url": ("bluesky", "{}"),
    "mastodon_username": ("mastodon", "https://{}"),
    "linkedin_username": ("linkedin", "https://www.linkedin.com/in/{}"),
    "research_gate_profile": ("researchgate", "https://www.researchgate.net/profile/{}"),
    "work_url": ("homepage", "{}"),
    "acm_id": ("ACM Digital Library", "https://dl.acm.org/profile/{}"),
    "blogger_url": ("Blog", "{}"),
    "discord_id": ("Discord", "https://discord.com/users/{}"),
    "facebook_id": ("Facebook", "https://facebook.com/{}"),
    "flickr_id": ("Flickr", "https://www.flickr.com/{}"),
    "gitlab_username": ("GitLab", "https://gitlab.com/{}"),
    "hal_id": ("HAL", "https://hal.science/search/index/?q=authIdHal_s:{}"),
    "ieee_id": ("IEEE Xplore", "https://ieeexplore.ieee.org/author/{}"),
    "inspirehep_id": ("INSPIRE", "https://inspirehep.net/authors/{}"),
    "instagram_id": ("Instagram", "https://instagram.com/{}"),
    "kaggle_id": ("Kaggle", "https://www.kaggle.com/{}"),
    "keybase_username": ("Keybase", "https://keybase.io/{}"),
    "lastfm_id": ("Last.fm", "https://www.last.fm/user/{}"),
    "lattes_id": ("Lattes", "http://lattes.cnpq.br/{}"),
    "leetcode_id": ("LeetCode", "https://leetcode.com/u/{}/"),
    "medium_username": ("Medium", "https://medium.com/@{}"),
    "osf_id": ("OSF", "https://osf.io/{}/"),
    "pinterest_id": ("Pinterest", "https://www.pinterest.com/{}"),
    "publons_id": ("Publons", "https://publons.com/a/{}/"),
    "quora_username": ("Quora", "https://www.quora.com/profile/{}"),
    "scopus_id": ("Scopus", "https://www.scopus.com/authid/detail.uri?authorId={}"),
    "spotify_id": ("Spotify", "https://open.spotify.com/user/{}"),
    "stackoverflow_id": ("Stack Overflow", "https://stackoverflow.com/users/{}"),
    "strava_userid": ("Strava", "https://www.strava.com/athletes/{}"),
    "telegram_username": ("Telegram", "https://telegram.me/{}"),
    "unsplash_id": ("Unsplash", "https://unsplash.com/@{}"),
    "whatsapp_number": ("WhatsApp", "https://wa.me/{}"),
    "wikidata_id": ("Wikidata", "https://www.wikidata.org/wiki/{}"),
    "wikipedia_id": ("Wikipedia", "https://wikipedia.org/wiki/User:{}"),
    "youtube_id": ("YouTube", "https://youtube.com/@{}"),
    "zotero_username": ("Zotero", "https://www.zotero.org/{}"),
}
#: academicpages ``author:`` key → (profile link kind or label, URL template)
ACADEMICPAGES: dict[str, tuple[str, str]] = {
    "uri": ("homepage", "{}"),
    "googlescholar": ("scholar", "{}"),
    "orcid": ("orcid", "{}"),
    "semantic": ("semantic_scholar", "{}"),
    "dblp": ("dblp", "{}"),
    "researchgate": ("researchgate", "{}"),
    "github": ("github", "https://github.com/{}"),
    "twitter": ("twitter", "https://twitter.com/{}"),
    "bluesky": ("bluesky", "https://bsky.app/profile/{}"),
    "mastodon": ("mastodon", "{}"),
    "linkedin": ("linkedin", "https://www.linkedin.com/in/{}"),
    "academia": ("Academia.edu", "{}"),
    "ads": ("NASA ADS", "{}"),
    "arxiv": ("arXiv", "{}"),
    "impactstory": ("Impactstory", "{}"),
    "inspire-hep": ("INSPIRE", "{}"),
    "pubmed": ("PubMed", "{}"),
    "scopus": ("Scopus", "{}"),
    "ssrn": ("SSRN", "{}"),
    "zotero": ("Zotero", "{}"),
    "medium": ("Medium", "{}"),
    "telegram": ("Telegram", "{}"),
    "artstation": ("ArtStation", "https://www.artstation.com/{}"),
    "bitbucket": ("Bitbucket", "https://bitbucket.org/{}"),
    "codepen": ("CodePen", "https://codepen.io/{}"),
    "dribbble": ("Dribbble", "https://dribbble.com/{}"),
    "facebook": ("Facebook", "https://www.facebook.com/{}"),
    "flickr": ("Flickr", "https://www.flickr.com/{}"),
    "foursquare": ("Foursquare", "https://www.foursquare.com/{}"),
    "goodreads": ("Goodreads", "https://www.goodreads.com/{}"),
    "instagram": ("Instagram", "https://instagram.com/{}"),
    "kaggle": ("Kaggle", "https://kaggle.com/{}"),
    "keybase": ("Keybase", "https://keybase.io/{}"),
    "lastfm": ("Last.fm", "https://last.fm/user/{}"),
    "pinterest": ("Pinterest", "https://www.pinterest.com/{}"),
    "soundcloud": ("SoundCloud", "https://soundcloud.com/{}"),
    "stackoverflow": ("Stack Overflow", "https://stackoverflow.com/users/{}"),
    "steam": ("Steam", "https://steamcommunity.com/id/{}"),
    "tumblr": ("Tumblr", "https://{}.tumblr.com"),
    "weibo": ("Weibo", "https://www.weibo.com/{}"),
    "wikipedia": ("Wikipedia", "https://en.wikipedia.org/wiki/User:{}"),
    "xing": ("XING", "https://www.xing.com/profile/{}"),
    "youtube": ("YouTube", "https://youtube.com/@{}"),
    "zhihu": ("Zhihu", "https://www.zhihu.com/people/{}"),
}
#: Keys of the same files that are not networks, handled elsewhere or without a link.
NOT_LINKS = {
    "email",
    "rss_icon",
    "contact_note",
    "cv_pdf",
    "avatar",
    "name",
    "pronouns",
    "bio",
    "location",
    "employer",
}
#: Profile link kinds (the others in the tables are labels of plain links).
KINDS = {
    "homepage",
    "scholar",
    "orcid",
    "dblp",
    "semantic_scholar",
    "github",
    "x",
    "twitter",
    "bluesky",
    "mastodon",
    "linkedin",
    "researchgate",
    "cv",
}


class ProfileLinks:
    """The profile links (kind → URL) and the other links (label, URL) of one source file."""

    def __init__(self, site: JekyllSite, source: str) -> None:
        self.site = site
        self.source = source
        self.links: dict[str, str] = {}
        self.more: list[tuple[str, str]] = []

    def summary(self) -> str:
        """What the report says was converted."""
        more = f", {counted(len(self.more), 'more link')} on the home page" if self.more else ""
        return f"name, {counted(len(self.links), 'profile link')}{more}"

    def add_alfolio(self, key: str, value: Any) -> None:
        """One key of al-folio's ``socials.yml`` (or older ``_config.yml``)."""
        if key == "cv_pdf" and plain(value):
            path = self.site.local_path(plain(value))
            if path is None and "://" not in plain(value):
                self.site.plan.leave(self.source, f"cv_pdf {value} is not in the site; no CV link")
                return
            self.links["cv"] = self.site.bring(path) if path else plain(value)
        elif key == "academia_edu" and isinstance(value, dict):
            organisation, user = plain(value.get("organization")), plain(value.get("username"))
            if organisation and user:
                self.more.append(("Academia.edu", f"https://{organisation}.academia.edu/{user}"))
        elif isinstance(value, dict) and plain(value.get("url")):  # custom_social
            self.more.append((plain(value.get("title")) or key, plain(value["url"])))
        elif key == "wechat_qr" and plain(value):
            self.site.plan.leave(self.source, "wechat_qr: a QR code image has no profile link here")
        elif key in ALFOLIO and plain(value):
            self._add(key, *ALFOLIO[key], plain(value).lstrip("@"))
        elif key not in NOT_LINKS and plain(value):
            self.site.plan.leave(self.source, f"{key}: not a network this importer knows; no link")

    def add_academicpages(self, key: str, value: Any) -> None:
        """One key of academicpages' ``author:`` block."""
        text = plain(value)
        if not text or key in NOT_LINKS:
            return
        if key in ACADEMICPAGES:
            template = ACADEMICPAGES[key][1]
            self._add(key, ACADEMICPAGES[key][0], "{}" if "://" in text else template, text)
        else:
            self.site.plan.leave(
                self.source, f"author {key}: not a network this importer knows; no link"
            )

    def _add(self, key: str, kind: str, template: str, value: str) -> None:
        url = template.format(value) if "://" not in value or template == "{}" else value
        if "://" not in url:
            url = f"https://{url}"
        if kind in KINDS:
            self.links.setdefault(kind, url)
        else:
            self.more.append((kind, url))
