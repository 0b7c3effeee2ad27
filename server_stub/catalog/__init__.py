"""The catalog (products, barcodes, tax categories) and the change feed the tills pull.

Every write takes numbers from the organization's sequence (``sequence``, which says why the
feed never skips a change); ``taxes`` and ``products`` are the owner's edits one at a time,
``product_import`` the bulk ones (CSV), ``feed`` what tills pull. The package re-exports
their public names: a route calls ``catalog.create_product`` whichever module holds it.
"""

from server_stub.catalog.feed import (
    MAX_CURSOR_DIGITS,
    feed_page,
    feed_page_json,
    parse_cursor,
)
from server_stub.catalog.import_uploads import (
    drop_upload,
    keep_upload,
    read_upload,
)
from server_stub.catalog.product_export import export_csv
from server_stub.catalog.product_import import (
    CSV_COLUMNS,
    ImportReport,
    import_products,
    parse_csv,
    upsert_products,
)
from server_stub.catalog.products import (
    barcodes_of,
    create_product,
    delete_product,
    get_product,
    list_products,
    product_out,
    set_barcodes,
    update_product,
)
from server_stub.catalog.search import (
    FoundProduct,
    SearchPage,
    search_products,
)
from server_stub.catalog.sequence import (
    current_seq,
    reserve_seq,
)
from server_stub.catalog.taxes import (
    delete_tax_category,
    put_tax_category,
    require_tax_code,
    tax_categories,
    tax_out,
)

__all__ = [
    "CSV_COLUMNS",
    "MAX_CURSOR_DIGITS",
    "FoundProduct",
    "ImportReport",
    "SearchPage",
    "barcodes_of",
    "create_product",
    "current_seq",
    "delete_product",
    "delete_tax_category",
    "drop_upload",
    "export_csv",
    "feed_page",
    "feed_page_json",
    "get_product",
    "import_products",
    "keep_upload",
    "list_products",
    "parse_csv",
    "parse_cursor",
    "product_out",
    "put_tax_category",
    "read_upload",
    "require_tax_code",
    "reserve_seq",
    "search_products",
    "set_barcodes",
    "tax_categories",
    "tax_out",
    "update_product",
    "upsert_products",
]
