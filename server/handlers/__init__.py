"""The contract's operations: what openapi.yaml's operationIds resolve to.

``social_posts`` holds the five handlers; ``checks`` what a request may touch and change
(membership, a brand's posts, references, edits); ``posts`` says what a post is (status, medium,
filters, order, wire shape); ``views`` remembers list and stats answers and rendered posts per
store version. May import ``store`` (the interface only), ``publishing``, ``errors`` and
``state``; never TinyDB or HTTP middleware.
"""
