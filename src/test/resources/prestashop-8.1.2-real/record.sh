#!/usr/bin/env bash
# Records, from a real PrestaShop (8.1.2 of ../../../../../shared/tools/real-prestashop, or another version: README,
# "Real shops"), the answer to every request shape the registration and the sync make, byte for byte: NAME.url (the
# request), NAME.headers (status line and headers, Date/cookies/Content-Length-free lines kept as sent), NAME.body.
# Run from the folder to record into (this one for 8.1.2, ../prestashop-<version>-real for another):
#   bash record.sh [BASE] [KEY]     (defaults: http://real-ps.test:8089 REALPRESTASHOPTESTKEY00000000001)
# The shop must hold the 19 demo products (scale.sh reset). The back office token in Location headers is masked.
set -euo pipefail
BASE=${1:-http://real-ps.test:8089}
KEY=${2:-REALPRESTASHOPTESTKEY00000000001}
LIMITED=REALPSLIMITEDKEY0000000000000002
INACTIVE=REALPSINACTIVEKEY000000000000003
IP_BASE=$(echo "$BASE" | sed -E 's#//[^:/]+#//127.0.0.1#')
PRICES='price[somarket_final_ti][use_tax]=1&price[somarket_final_ti][decimals]=6&price[somarket_regular_ti][use_tax]=1&price[somarket_regular_ti][use_reduction]=0&price[somarket_regular_ti][decimals]=6'
LIGHT='id,date_upd,active,state,visibility,available_for_order,cache_default_attribute,price,id_tax_rules_group'

# record NAME URL [curl options...]: the key goes in the Authorization header unless options say otherwise
record() {
  local name=$1 url=$2; shift 2
  echo "$url" >"$name.url"
  : >"$name.body"
  curl -sS -g -o "$name.body" -D "$name.headers.raw" "$@" "$url"
  sed -E 's/token=[0-9a-f]{32}/token=MASKEDTOKEN/; /^(Date|Set-Cookie|Expires):/d' "$name.headers.raw" | tr -d '\r' >"$name.headers"
  rm "$name.headers.raw"
  printf '%-40s %s\n' "$name" "$(head -1 "$name.headers")"
}
auth=(-u "$KEY:")
# the language the sync reads: the shop's default (PS_LANG_DEFAULT)
L=$(curl -sg -u "$KEY:" "$BASE/api/configurations?display=[value]&filter[name]=[PS_LANG_DEFAULT]" | sed -n 's/.*<value><!\[CDATA\[\([0-9]*\)\]\]>.*/\1/p' | head -1)

# registration: the keyless knocks of the shop finder, then the resource list with the key
record knock_api_no_key            "$BASE/api/"
record knock_dispatcher_no_key     "$BASE/webservice/dispatcher.php?url="
record knock_other_host_api        "$IP_BASE/api/"
record knock_other_host_dispatcher "$IP_BASE/webservice/dispatcher.php?url="
record knock_other_host_fr_api     "$IP_BASE/fr/api/"
record knock_fr_api                "$BASE/fr/api/"
record knock_back_office_api       "$BASE/admin-real-ps/api/"
record api_root_key                "$BASE/api/" "${auth[@]}"
record api_root_limited_key        "$BASE/api/" -u "$LIMITED:"
record error_inactive_key          "$BASE/api/" -u "$INACTIVE:"
record error_limited_key_denied    "$BASE/api/combinations?display=[id]&limit=1" -u "$LIMITED:"
record error_not_found             "$BASE/api/products/999999" "${auth[@]}"

# the sync, in its order (CatalogReader, ShopCategoryReader, CombinationReader, ProductImages, sweep, FullFetch)
record sync_configurations "$BASE/api/configurations?display=[name,value,id_shop]&filter[name]=[PS_LANG_DEFAULT|PS_CURRENCY_DEFAULT|PS_ORDER_OUT_OF_STOCK|PS_COUNTRY_DEFAULT|PS_TAX|PS_CUSTOMER_GROUP|PS_SHOP_DEFAULT|PS_REWRITING_SETTINGS]" "${auth[@]}"
record sync_languages      "$BASE/api/languages?display=[id,iso_code,active]" "${auth[@]}"
record sync_currency       "$BASE/api/currencies?display=[id,iso_code]&filter[id]=[1]" "${auth[@]}"
record sync_categories     "$BASE/api/categories?display=[id,id_parent,level_depth,active,position,is_root_category,name,link_rewrite]&sort=[id_ASC]&language=$L" "${auth[@]}"
record sync_product_options       "$BASE/api/product_options?display=[id,position,name,public_name]&language=$L" "${auth[@]}"
record sync_product_option_values "$BASE/api/product_option_values?display=[id,id_attribute_group,position,name]&language=$L" "${auth[@]}"
record sync_image_types    "$BASE/api/image_types?display=[id,name,width,height,products]" "${auth[@]}"
record sync_stock_page     "$BASE/api/stock_availables?display=[id,id_product,id_product_attribute,quantity,out_of_stock]&sort=[id_ASC]&limit=0,5000" "${auth[@]}"
record sync_light_page     "$BASE/api/products?display=[$LIGHT,somarket_final_ti,somarket_regular_ti]&sort=[id_ASC]&limit=0,2000&$PRICES" "${auth[@]}"
sha1=$(grep -i '^Content-Sha1:' sync_light_page.headers | awk '{print $2}')
record sync_light_page_unchanged  "$BASE/api/products?display=[$LIGHT,somarket_final_ti,somarket_regular_ti]&sort=[id_ASC]&limit=0,2000&$PRICES" "${auth[@]}" -H "Local-Content-Sha1: $sha1"
record sync_light_page_no_prices  "$BASE/api/products?display=[$LIGHT]&sort=[id_ASC]&limit=0,2000&$PRICES" "${auth[@]}"
record sync_combinations   "$BASE/api/combinations?display=[id,id_product,reference,ean13,default_on,price,product_option_values[id],somarket_final_ti,somarket_regular_ti]&sort=[id_product_ASC,id_ASC]&limit=0,2000&$PRICES" "${auth[@]}"
record sync_full_by_id     "$BASE/api/products?display=full&filter[id]=[1|2|3]&sort=[id_ASC]&language=$L" "${auth[@]}"
# the products read whole since 2026-12-03: only the fields the mapper reads (display=full is the fallback)
PRODUCT_FIELDS='id,id_category_default,id_default_image,reference,ean13,date_upd,link_rewrite,name,description,description_short,categories[id],images[id]'
record sync_fields_by_id   "$BASE/api/products?display=[$PRODUCT_FIELDS]&filter[id]=[1|2|3]&sort=[id_ASC]&language=$L" "${auth[@]}"
record sync_id_at          "$BASE/api/products?sort=[id_ASC]&limit=2,1" "${auth[@]}"
# for the comparisons: full combinations (option value ids as <id>) and the demo product with a control-free name
record combinations_full_product_1 "$BASE/api/combinations?display=full&filter[id_product]=[1]&sort=[id_ASC]" "${auth[@]}"
# the request shapes of the price change detection (docs/decisions/0025): the lists read before the sweep, the
# sweep without prices (with the picture ids), combinations by product id range, prices asked by id or range
LIGHT_IMAGES="$LIGHT,images[id]"
record sync_specific_prices "$BASE/api/specific_prices?display=full&filter[id_cart]=[0]&filter[id_customer]=[0]&sort=[id_ASC]&limit=0,5000" "${auth[@]}"
record sync_tax_rules      "$BASE/api/tax_rules?display=[id,id_tax_rules_group,id_country,id_state,id_tax,behavior]&filter[id_country]=[8]" "${auth[@]}"
record sync_taxes          "$BASE/api/taxes?display=[id,rate,active,deleted]" "${auth[@]}"
record sync_light_page_first  "$BASE/api/products?display=[$LIGHT_IMAGES,somarket_final_ti,somarket_regular_ti]&sort=[id_ASC]&limit=0,2000&$PRICES" "${auth[@]}"
record sync_light_page_images "$BASE/api/products?display=[$LIGHT_IMAGES]&sort=[id_ASC]&limit=0,2000" "${auth[@]}"
record sync_combinations_range "$BASE/api/combinations?display=[id,id_product,reference,ean13,default_on,price,product_option_values[id]]&filter[id_product]=[1,19]&sort=[id_ASC]&limit=0,2000" "${auth[@]}"
record sync_prices_by_id   "$BASE/api/products?display=[id,somarket_final_ti,somarket_regular_ti]&filter[id]=[1|2|3]&sort=[id_ASC]&$PRICES" "${auth[@]}"
record sync_prices_by_range "$BASE/api/products?display=[id,somarket_final_ti,somarket_regular_ti]&filter[id]=[1,19]&sort=[id_ASC]&$PRICES" "${auth[@]}"
record sync_combination_prices "$BASE/api/combinations?display=[id,id_product,somarket_final_ti,somarket_regular_ti]&filter[id_product]=[1|2]&sort=[id_ASC]&limit=0,2000&$PRICES" "${auth[@]}"
