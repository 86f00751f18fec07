"""Local content and origin: the numbers that go onto certificates and into contracts.

The map (every module is pure Python; sources are in ../shared/domain/facts.md §1–§3, §6):

    classification   HS codes of purchased materials (the heading test needs them)
    origin_rules     the CIS 2009 rule table, dated: default rule, product rules, non-conferring operations
    origin           judge(): wholly obtained / change of heading / ad valorem → OriginVerdict
    sourcing         where a made input comes from: the maker itself, another member, or an import
    rollup           a product as one member makes it, rolled down to purchased materials, with origins
    goods            the CT-KZ share of a good (2024 cost rule or the older ex-works rule, by date)
    share_book       a good's share with its cloth from a chosen source (what plans and contracts count)
    contract         contract local content: goods Σ CTi·Ki / S, and the works/services form
    vat, currency    dated VAT rates and conversions that show the rate used
    drafts           CT-KZ and CT-1 certificate drafts: every figure with the record it comes from
"""
