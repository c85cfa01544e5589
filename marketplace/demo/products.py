"""The brand catalogue demo listings are generated from: brands, their products, variants with
prices in US dollars (converted to each shop's currency), and the shops' countries that stock them.

Prices and sizes are plausible retail figures, not quotes.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# A product's tax category is decided per listing for these two kinds, by price (PRODUCT.md §5).
COSMETIC = "cosmetic"  # cosmetics_premium at ¥10 or more per ml/g, otherwise cosmetics
WATCH = "watch"  # watches_premium at ¥10,000 or more, otherwise general


@dataclass(frozen=True)
class Variant:
    label: str  # the SKU option's value: "60ml", "900g", "EU 38", "Black"
    price_usd: Decimal
    weight_g: int
    amount: Decimal | None = None  # ml or g of product, for the premium-cosmetics rule


@dataclass(frozen=True)
class Product:
    brand: str
    category: str
    name_en: str
    name_zh: str
    shape: str
    tax: str
    option: str  # the SKU option's name: "size", "colour" or "stage"
    variants: tuple[Variant, ...]
    colours: tuple[str, ...] = ()  # a listing of this product comes in one of these colours


# English brand name: (Chinese brand name, the buyers' countries where it is sourced).
BRANDS = {
    "La Mer": ("海蓝之谜", "US JP KR FR"),
    "SK-II": ("SK-II", "US JP KR"),
    "Shiseido": ("资生堂", "US JP FR"),
    "Sulwhasoo": ("雪花秀", "US KR"),
    "Hada Labo": ("肌研", "JP"),
    "Estée Lauder": ("雅诗兰黛", "US KR FR"),
    "La Roche-Posay": ("理肤泉", "FR DE"),
    "Innisfree": ("悦诗风吟", "KR"),
    "Dior": ("迪奥", "US KR FR"),
    "Shu Uemura": ("植村秀", "JP FR"),
    "Canmake": ("井田", "JP"),
    "Clio": ("珂莱欧", "KR"),
    "Charlotte Tilbury": ("夏洛特·蒂尔伯里", "US AU"),
    "Chanel": ("香奈儿", "US JP KR FR"),
    "Jo Malone London": ("祖玛珑", "US FR AU"),
    "Diptyque": ("蒂普提克", "FR"),
    "Maison Margiela": ("梅森马吉拉", "US FR"),
    "a2 Milk": ("a2奶粉", "AU"),
    "Aptamil": ("爱他美", "DE AU"),
    "Bellamy's Organic": ("贝拉米", "AU"),
    "Meiji": ("明治", "JP"),
    "HiPP": ("喜宝", "DE"),
    "Merries": ("花王妙而舒", "JP"),
    "Moony": ("尤妮佳", "JP"),
    "Pampers": ("帮宝适", "US DE"),
    "Huggies": ("好奇", "US KR AU"),
    "Mustela": ("妙思乐", "FR"),
    "Aveeno Baby": ("艾惟诺", "US"),
    "Pigeon": ("贝亲", "JP"),
    "Bepanthen": ("拜耳贝乐欣", "DE AU"),
    "Swisse": ("Swisse", "AU"),
    "Blackmores": ("澳佳宝", "AU"),
    "Nature Made": ("莱萃美", "US"),
    "Kirkland Signature": ("科克兰", "US"),
    "DHC": ("蝶翠诗", "JP"),
    "Comvita": ("康维他", "AU"),
    "Doppelherz": ("双心", "DE"),
    "CheongKwanJang": ("正官庄", "KR"),
    "FANCL": ("芳珂", "JP"),
    "Coach": ("蔻驰", "US"),
    "Longchamp": ("珑骧", "FR"),
    "Michael Kors": ("迈克高仕", "US"),
    "MCM": ("MCM", "KR DE"),
    "Onitsuka Tiger": ("鬼冢虎", "JP"),
    "New Balance": ("新百伦", "US JP"),
    "UGG": ("UGG", "US AU"),
    "Birkenstock": ("勃肯", "DE"),
    "Veja": ("Veja", "FR"),
    "Seiko": ("精工", "JP"),
    "Grand Seiko": ("冠蓝狮", "JP"),
    "Pandora": ("潘多拉", "US DE AU"),
    "Mikimoto": ("御木本", "JP"),
    "Burberry": ("博柏利", "US FR"),
    "Gentle Monster": ("Gentle Monster", "KR"),
}


def sizes(*rows) -> tuple[Variant, ...]:
    """Variants from (label, price in USD, weight in grams[, ml or g of product]) rows."""
    return tuple(Variant(label, Decimal(price), weight, Decimal(rest[0]) if rest else None)
                 for label, price, weight, *rest in rows)


def same_price(price: str, weight: int, amount: str | None, *labels: str) -> tuple[Variant, ...]:
    return tuple(Variant(label, Decimal(price), weight, Decimal(amount) if amount else None)
                 for label in labels)


SHOE_SIZES = ("EU 36", "EU 37", "EU 38", "EU 39", "EU 40", "EU 41", "EU 42", "EU 43", "EU 44")


def shoes(price: str, weight: int) -> tuple[Variant, ...]:
    return same_price(price, weight, None, *SHOE_SIZES)


P = Product
PRODUCTS = (
    # Skincare
    P("La Mer", "skincare", "Crème de la Mer Moisturizing Cream", "精华面霜", "jar", COSMETIC, "size",
      sizes(("30ml", "200", 180, 30), ("60ml", "380", 260, 60), ("100ml", "570", 380, 100))),
    P("La Mer", "skincare", "The Treatment Lotion", "修护精萃水", "bottle", COSMETIC, "size",
      sizes(("150ml", "165", 300, 150), ("200ml", "220", 380, 200))),
    P("SK-II", "skincare", "Facial Treatment Essence", "护肤精华露 神仙水", "bottle", COSMETIC, "size",
      sizes(("75ml", "99", 200, 75), ("160ml", "185", 340, 160), ("230ml", "245", 460, 230))),
    P("SK-II", "skincare", "R.N.A. Power Radical New Age Cream", "大红瓶面霜", "jar", COSMETIC, "size",
      sizes(("50g", "145", 230, 50), ("80g", "210", 310, 80))),
    P("Shiseido", "skincare", "Ultimune Power Infusing Concentrate", "红腰子精华", "bottle", COSMETIC, "size",
      sizes(("50ml", "85", 190, 50), ("75ml", "118", 250, 75), ("100ml", "150", 310, 100))),
    P("Sulwhasoo", "skincare", "First Care Activating Serum", "润燥精华", "bottle", COSMETIC, "size",
      sizes(("60ml", "89", 210, 60), ("90ml", "120", 280, 90), ("120ml", "150", 340, 120))),
    P("Sulwhasoo", "skincare", "Concentrated Ginseng Renewing Cream", "滋阴生人参面霜", "jar", COSMETIC,
      "size", sizes(("30ml", "150", 200, 30), ("60ml", "260", 290, 60))),
    P("Hada Labo", "skincare", "Gokujyun Hyaluronic Lotion", "极润玻尿酸保湿化妆水", "bottle", COSMETIC,
      "size", sizes(("170ml", "12", 230, 170), ("400ml", "22", 460, 400))),
    P("Estée Lauder", "skincare", "Advanced Night Repair Serum", "特润修护肌活精华露 小棕瓶", "bottle",
      COSMETIC, "size", sizes(("30ml", "80", 150, 30), ("50ml", "115", 210, 50), ("100ml", "185", 330, 100))),
    P("La Roche-Posay", "skincare", "Cicaplast Baume B5", "B5修复霜", "tube", COSMETIC, "size",
      sizes(("40ml", "16", 70, 40), ("100ml", "28", 140, 100))),
    P("Innisfree", "skincare", "Green Tea Seed Serum", "绿茶籽精萃保湿精华", "bottle", COSMETIC, "size",
      sizes(("80ml", "27", 220, 80), ("130ml", "38", 320, 130))),
    # Make-up
    P("Dior", "make-up", "Rouge Dior Lipstick 3.5g", "烈艳蓝金唇膏 3.5g", "lipstick", COSMETIC, "colour",
      same_price("47", 60, "3.5", "999", "720", "100", "538", "772")),
    P("Shu Uemura", "make-up", "Unlimited Foundation 35ml", "无色限持妆粉底液 35ml", "bottle", COSMETIC,
      "colour", same_price("52", 120, "35", "574", "584", "664", "764")),
    P("Canmake", "make-up", "Marshmallow Finish Powder 10g", "棉花糖蜜粉饼 10g", "compact", COSMETIC,
      "colour", same_price("9", 50, "10", "MB", "ML", "MO")),
    P("Clio", "make-up", "Kill Cover Fixer Cushion 15g", "气垫粉底 15g", "compact", COSMETIC, "colour",
      same_price("28", 110, "15", "02 Lingerie", "03 Linen", "04 Ginger")),
    P("Charlotte Tilbury", "make-up", "Pillow Talk Matte Revolution Lipstick", "枕边话哑光唇膏",
      "lipstick", COSMETIC, "colour",
      same_price("35", 60, "3.5", "Pillow Talk", "Medium", "Walk of No Shame")),
    # Fragrance
    P("Chanel", "fragrance", "Coco Mademoiselle Eau de Parfum", "可可小姐香水", "bottle", COSMETIC, "size",
      sizes(("35ml", "110", 250, 35), ("50ml", "145", 330, 50), ("100ml", "205", 520, 100))),
    P("Jo Malone London", "fragrance", "English Pear & Freesia Cologne", "英国梨与小苍兰香水", "bottle",
      COSMETIC, "size", sizes(("30ml", "78", 200, 30), ("100ml", "165", 450, 100))),
    P("Diptyque", "fragrance", "Philosykos Eau de Toilette", "希腊无花果淡香水", "bottle", COSMETIC, "size",
      sizes(("50ml", "130", 280, 50), ("100ml", "180", 450, 100))),
    P("Maison Margiela", "fragrance", "Replica Lazy Sunday Morning", "慵懒周末淡香水", "bottle", COSMETIC,
      "size", sizes(("30ml", "80", 210, 30), ("100ml", "155", 460, 100))),
    # Formula
    P("a2 Milk", "formula", "Platinum Premium Infant Formula 900g", "白金版婴儿配方奶粉 900g", "can",
      "food_supplements", "stage", same_price("32", 1150, None, "Stage 1", "Stage 2", "Stage 3")),
    P("Aptamil", "formula", "Profutura Infant Formula 800g", "白金版婴幼儿配方奶粉 800g", "can",
      "food_supplements", "stage", same_price("29", 1050, None, "Pre", "Stage 1", "Stage 2", "Stage 3")),
    P("Bellamy's Organic", "formula", "Organic Infant Formula 800g", "有机婴儿配方奶粉 800g", "can",
      "food_supplements", "stage", same_price("28", 1050, None, "Stage 1", "Stage 2", "Stage 3")),
    P("Meiji", "formula", "Hohoemi Infant Formula 800g", "婴儿配方奶粉 800g", "can", "food_supplements",
      "stage", same_price("24", 1000, None, "0-1 years", "1-3 years")),
    P("HiPP", "formula", "Bio Combiotik Formula 600g", "有机益生菌奶粉 600g", "pack", "food_supplements",
      "stage", same_price("18", 700, None, "Pre", "Stage 1", "Stage 2", "Stage 3")),
    # Diapers
    P("Merries", "diapers", "Diapers", "纸尿裤", "pack", "general", "size",
      sizes(("NB 90", "18", 1500), ("S 82", "18", 1600), ("M 64", "18", 1700), ("L 54", "18", 1700))),
    P("Moony", "diapers", "Natural Organic Cotton Diapers", "有机棉纸尿裤", "pack", "general", "size",
      sizes(("S 58", "21", 1300), ("M 46", "21", 1350), ("L 38", "21", 1350))),
    P("Pampers", "diapers", "Pure Protection Diapers", "纯净系列纸尿裤", "pack", "general", "size",
      sizes(("Size 1", "25", 1400), ("Size 2", "25", 1500), ("Size 3", "25", 1600), ("Size 4", "25", 1700))),
    P("Huggies", "diapers", "Little Snugglers Diapers", "心钻装纸尿裤", "pack", "general", "size",
      sizes(("Newborn", "24", 1300), ("Size 1", "24", 1400), ("Size 2", "24", 1500))),
    # Baby care
    P("Mustela", "baby-care", "Hydra Bébé Body Lotion", "婴儿保湿身体乳", "bottle", COSMETIC, "size",
      sizes(("300ml", "18", 360, 300), ("500ml", "26", 580, 500))),
    P("Aveeno Baby", "baby-care", "Daily Moisture Lotion", "婴儿每日倍护润肤乳", "tube", COSMETIC, "size",
      sizes(("227g", "10", 270, 227), ("354ml", "14", 420, 354))),
    P("Pigeon", "baby-care", "Wide-neck Glass Feeding Bottle", "宽口径玻璃奶瓶", "bottle", "general", "size",
      sizes(("160ml", "16", 260), ("240ml", "19", 330))),
    P("Bepanthen", "baby-care", "Nappy Care Ointment", "护臀膏", "tube", COSMETIC, "size",
      sizes(("30g", "8", 50, 30), ("100g", "17", 140, 100))),
    # Vitamins
    P("Swisse", "vitamins", "Women's Ultivite Multivitamin", "女士复合维生素", "jar", "food_supplements",
      "size", sizes(("60 tablets", "25", 150), ("120 tablets", "40", 260))),
    P("Blackmores", "vitamins", "Bio C 1000mg", "维生素C 1000mg", "jar", "food_supplements", "size",
      sizes(("62 tablets", "14", 140), ("150 tablets", "26", 300))),
    P("Blackmores", "vitamins", "Odourless Fish Oil 1000mg", "无腥味深海鱼油 1000mg", "jar",
      "food_supplements", "size", sizes(("200 capsules", "22", 380), ("400 capsules", "36", 700))),
    P("Nature Made", "vitamins", "Vitamin D3 2000 IU", "维生素D3 2000IU", "jar", "food_supplements", "size",
      sizes(("220 softgels", "15", 200),)),
    P("Kirkland Signature", "vitamins", "Daily Multi", "成人复合维生素", "jar", "food_supplements", "size",
      sizes(("500 tablets", "18", 520),)),
    P("DHC", "vitamins", "Vitamin C Hard Capsules 60 days", "维生素C硬胶囊 60日", "pack",
      "food_supplements", "size", sizes(("120 capsules", "6", 60),)),
    # Supplements
    P("Swisse", "supplements", "Liver Detox", "护肝片", "jar", "food_supplements", "size",
      sizes(("120 tablets", "30", 240), ("200 tablets", "45", 360))),
    P("Comvita", "supplements", "UMF 10+ Manuka Honey", "麦卢卡蜂蜜 UMF10+", "jar", "reduced", "size",
      sizes(("250g", "40", 420), ("500g", "70", 760))),
    P("Doppelherz", "supplements", "Omega-3 Capsules", "Omega-3 鱼油胶囊", "box", "food_supplements", "size",
      sizes(("80 capsules", "12", 180),)),
    P("CheongKwanJang", "supplements", "Korean Red Ginseng Extract", "6年根高丽红参精", "jar",
      "food_supplements", "size", sizes(("100g", "95", 300), ("240g", "200", 560))),
    P("FANCL", "supplements", "HTC Collagen DX", "胶原蛋白片", "box", "food_supplements", "size",
      sizes(("180 tablets", "25", 170),)),
    # Bags
    P("Coach", "bags", "Tabby Shoulder Bag 26", "Tabby 单肩包 26", "bag", "apparel", "colour",
      same_price("450", 900, None, "Black", "Chalk", "Brass/Pink")),
    P("Coach", "bags", "Willow Tote", "Willow 托特包", "bag", "apparel", "colour",
      same_price("395", 1000, None, "Black", "Oak", "Sage")),
    P("Longchamp", "bags", "Le Pliage Original Tote Bag M", "Le Pliage 经典饺子包 中号", "bag", "apparel",
      "colour", same_price("155", 300, None, "Navy", "Black", "Poppy", "Green")),
    P("Michael Kors", "bags", "Jet Set Crossbody", "Jet Set 斜挎包", "bag", "apparel", "colour",
      same_price("120", 450, None, "Black", "Brown", "Vanilla")),
    P("MCM", "bags", "Stark Backpack", "Stark 双肩包", "bag", "apparel", "colour",
      same_price("750", 1100, None, "Cognac", "Black")),
    # Shoes
    P("Onitsuka Tiger", "shoes", "Mexico 66 Sneakers", "Mexico 66 休闲鞋", "shoe", "apparel", "size",
      shoes("110", 800), ("White/Blue", "Yellow/Black", "Birch/Peacoat")),
    P("New Balance", "shoes", "990v6 Made in USA", "990v6 美产复古跑鞋", "shoe", "apparel", "size",
      shoes("200", 900), ("Grey", "Navy")),
    P("UGG", "shoes", "Classic Mini II Boots", "经典迷你短靴", "shoe", "apparel", "size",
      shoes("160", 1200), ("Chestnut", "Black", "Sand")),
    P("Birkenstock", "shoes", "Arizona Soft Footbed Sandals", "Arizona 软木拖鞋", "shoe", "apparel", "size",
      shoes("110", 700), ("Taupe", "Black", "Mocha")),
    P("Veja", "shoes", "Campo Sneakers", "Campo 小白鞋", "shoe", "apparel", "size",
      shoes("160", 900), ("White/Black", "White/Natural")),
    # Accessories
    P("Seiko", "accessories", "Presage Cocktail Time Automatic Watch", "Presage 鸡尾酒自动机械表", "watch",
      WATCH, "colour", same_price("425", 300, None, "Blue dial", "Silver dial")),
    P("Grand Seiko", "accessories", "Heritage Snowflake SBGA211", "雪花 SBGA211", "watch", WATCH, "colour",
      same_price("6200", 350, None, "Snowflake dial")),
    P("Pandora", "accessories", "Moments Snake Chain Bracelet", "Moments 蛇骨链手链", "ring", "jewellery",
      "size", same_price("65", 80, None, "17cm", "19cm", "21cm")),
    P("Mikimoto", "accessories", "Akoya Pearl Stud Earrings 7mm", "Akoya 珍珠耳钉 7mm", "ring", "jewellery",
      "colour", same_price("650", 60, None, "White gold", "Yellow gold")),
    P("Burberry", "accessories", "Check Cashmere Scarf", "经典格纹羊绒围巾", "box", "apparel", "colour",
      same_price("590", 350, None, "Archive Beige", "Charcoal")),
    P("Gentle Monster", "accessories", "Lang Sunglasses", "Lang 太阳镜", "glasses", "general", "colour",
      same_price("290", 250, None, "Black", "Brown")),
)

# (English, Chinese) title prefixes and suffixes that vary otherwise equal listings.
TITLE_PREFIXES = (("", ""), ("", ""), ("[In stock] ", "【现货】"), ("[Authentic] ", "【专柜正品】"),
                  ("[Direct mail] ", "【海外直邮】"), ("[Bestseller] ", "【爆款】"))
TITLE_EDITIONS = (("", ""), ("", ""), ("", ""), (" 2026 Edition", " 2026新版"),
                  (" Limited Edition", " 限定版"), (" Duty-free Edition", " 免税版"),
                  (" Gift Box", " 礼盒装"))

# Where each country's buyers shop, as (English, Chinese).
STORES = {
    "US": (("Sephora", "丝芙兰"), ("Nordstrom", "诺德斯特龙百货"), ("Macy's", "梅西百货"),
           ("Costco", "Costco")),
    "JP": (("Matsumoto Kiyoshi", "松本清"), ("Isetan", "伊势丹"), ("Don Quijote", "唐吉诃德")),
    "KR": (("Lotte Duty Free", "乐天免税店"), ("Olive Young", "Olive Young"), ("Shinsegae", "新世界百货")),
    "FR": (("Galeries Lafayette", "老佛爷百货"), ("Citypharma", "Citypharma药房"), ("Printemps", "巴黎春天")),
    "DE": (("dm", "dm超市"), ("Rossmann", "Rossmann"), ("KaDeWe", "卡迪威百货")),
    "AU": (("Chemist Warehouse", "Chemist Warehouse药房"), ("Priceline", "Priceline药房"),
           ("David Jones", "David Jones百货")),
}


# How a variant label reads in a Chinese title: "150 tablets" is "150片", "Size 2" is "2号".
LABEL_WORDS_ZH = ((" tablets", "片"), (" capsules", "粒"), (" softgels", "粒"), ("Size ", ""),
                  ("Newborn", "新生儿"))


def label_zh(label: str) -> str:
    for english, chinese in LABEL_WORDS_ZH:
        if english in label:
            label = label.replace(english, chinese) + ("号" if english == "Size " else "")
    return label


def brand_zh(product: Product) -> str:
    return BRANDS[product.brand][0]


def products_for_country(country: str) -> tuple[Product, ...]:
    return tuple(product for product in PRODUCTS if country in BRANDS[product.brand][1].split())
