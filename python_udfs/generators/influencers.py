"""Seeded, deterministic generator of influencer, growth and brand inputs at any scale.

Usage::

    python -m python_udfs.generators.influencers --influencers 100000 --brands 100 \\
        --out data/gen_100k [--seed 42] [--fake-share 0.05] [--growth-only]

Writes four files into ``--out`` (``--growth-only``: only ``growth_data.csv``):

* ``influencers_data.csv``: ``influencer_id,name,bio,recent_captions`` (the seed contract,
  seeds/_seeds.yml). Ids ``INF000001``... (zero-padded to at least 6 digits, wider when needed, so
  ids sort in row order). Bios and 3-5 captions (joined by ``' | '``) are assembled from templates
  and per-niche vocabularies over eight niches (fashion, tech, fitness, beauty, food, travel,
  parenting, wellness); about a fifth of the accounts also post about a second niche (cross-niche
  captions and bios). About 1 % of bios are empty (the contract allows it).
* ``growth_data.csv``: ``influencer_id,followers,avg_likes,avg_comments,follower_history``;
  ``follower_history`` is a JSON-style list of 30 non-negative daily counts, oldest first, and
  ``followers`` equals its last value. Followers are log-normal (median ~30K, a few accounts in
  the millions). Patterns (``ground_truth.csv`` names them):

  ============== ========================================================================
  organic        steady gains of 0.03-0.4 %/day with day-to-day noise; honest engagement
  fast_growing   honest viral growth, 1.2-3 %/day (+40-130 % in 30 days), high engagement
  shrinking      slow decline, 0.08-0.6 %/day lost
  fake_burst     planted fake: organic baseline plus ONE bought burst (+8-50 % in a day),
                 a slow bot purge afterwards, engagement 0.2-1.8 %
  fake_bursts    planted fake: two to four bought bursts (+4-25 % each), low engagement
  ============== ========================================================================

  Exactly ``round(influencers * fake_share)`` accounts are planted fakes (about 40 % single
  burst, the rest several); 4 % are fast-growing and 6 % shrinking; the rest organic.
  Honest engagement (likes + comments per post / followers) falls with size: median about
  9 % at 10K followers, 4 % at 1M.
* ``brands_data.csv``: ``brand_id,brand_name,description,target_keywords`` (ids ``BR001``...):
  two or three sentences and 6-10 comma-separated keywords; every niche is covered and about
  30 % of the brands span a second niche.
* ``ground_truth.csv``: ``influencer_id,niche,is_planted_fake,pattern`` (niche = primary niche).

Determinism: every value derives from ``numpy.random.SeedSequence(seed)``; texts, growth and
brands use separate child streams, so ``growth_data.csv`` is byte-identical with and without
``--growth-only``, and the same arguments always give the same bytes. Texts are built from
pre-drawn integer matrices and growth fully vectorised: 100K influencers take a few seconds,
1M growth-only rows well under a minute.
"""

from __future__ import annotations

import argparse
import csv
import string
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HISTORY_DAYS = 30
NICHES = ("fashion", "tech", "fitness", "beauty", "food", "travel", "parenting", "wellness")
# Niche popularity (sums to 1): a realistic imbalance, every niche well represented.
NICHE_WEIGHTS = (0.16, 0.13, 0.15, 0.14, 0.13, 0.11, 0.09, 0.09)
CROSS_NICHE_SHARE = 0.20  # accounts that also post about a second niche
CROSS_CAPTION_PROB = 0.35  # for those, chance that a given caption is about the second niche
EMPTY_BIO_SHARE = 0.01

FAST_GROWING_SHARE = 0.04
SHRINKING_SHARE = 0.06
FAKE_SINGLE_BURST_SHARE = 0.40  # of the planted fakes
BRAND_CROSS_NICHE_SHARE = 0.30

INFLUENCER_COLUMNS = ("influencer_id", "name", "bio", "recent_captions")
GROWTH_COLUMNS = ("influencer_id", "followers", "avg_likes", "avg_comments", "follower_history")
BRAND_COLUMNS = ("brand_id", "brand_name", "description", "target_keywords")
GROUND_TRUTH_COLUMNS = ("influencer_id", "niche", "is_planted_fake", "pattern")
PATTERNS = ("organic", "fast_growing", "shrinking", "fake_burst", "fake_bursts")
FAKE_PATTERNS = ("fake_burst", "fake_bursts")

_TEXT_CHUNK = 50_000  # rows of pre-drawn integers at a time (memory stays small at any size)
_DRAWS_PER_ROW = 96


# ------------------------------------------------------------------------------ vocabularies
@dataclass(frozen=True)
class Niche:
    roles: tuple[str, ...]  # bio: who they are
    topics: tuple[str, ...]  # plural noun phrases: what they post about
    items: tuple[str, ...]  # singular noun phrases: things they use/show
    actions: tuple[str, ...]  # lower-case verb phrases
    tags: tuple[str, ...]  # hashtags without '#'
    mentions: tuple[str, ...]  # @handles without '@'
    challenges: tuple[str, ...]  # "Day 12 of ..."
    places: tuple[str, ...]  # where it happens
    keywords: tuple[str, ...]  # brand target keywords
    products: tuple[str, ...]  # brand: what it makes
    audiences: tuple[str, ...]  # brand: for whom
    claims: tuple[str, ...]  # brand: second sentence (about "it")


VOCAB: dict[str, Niche] = {
    "fashion": Niche(
        roles=(
            "Stylist",
            "Personal shopper",
            "Menswear writer",
            "Vintage collector",
            "Fashion student",
            "Wardrobe consultant",
            "Thrift queen",
            "Streetwear head",
            "Former buyer",
            "Sustainable style blogger",
        ),
        topics=(
            "capsule wardrobes",
            "everyday outfits",
            "thrift finds",
            "tailoring tips",
            "street style",
            "seasonal trends",
            "sustainable fashion",
            "vintage denim",
            "quiet luxury",
            "styling hacks",
            "wardrobe essentials",
            "sneaker drops",
        ),
        items=(
            "camel coat",
            "wide-leg trouser",
            "linen shirt",
            "leather loafer",
            "trench coat",
            "silk scarf",
            "oversized blazer",
            "slip dress",
            "chunky knit",
            "tote bag",
            "denim jacket",
            "white tee",
            "pleated skirt",
            "ankle boot",
            "wool overcoat",
        ),
        actions=(
            "styling one blazer five ways",
            "packing a carry-on capsule",
            "thrifting on a budget",
            "building a winter wardrobe",
            "hemming vintage jeans",
            "sorting the spring closet",
            "pairing prints without clashing",
            "trying on the new season drops",
            "mixing high street with designer",
            "rewearing last year's favourites",
        ),
        tags=(
            "ootd",
            "capsulewardrobe",
            "streetstyle",
            "thrifted",
            "menswear",
            "outfitinspo",
            "slowfashion",
            "styletips",
            "whatiwore",
            "fashiontok",
            "vintagestyle",
            "wardrobeessentials",
        ),
        mentions=("arket", "cos_stores", "uniqlo", "zara", "everlane", "vinted", "asos", "mango"),
        challenges=(
            "a no-buy month",
            "thirty outfits from ten pieces",
            "the capsule challenge",
            "a thrift-only season",
        ),
        places=(
            "the fitting room",
            "a Paris flea market",
            "the charity shop",
            "Milan fashion week",
            "my tiny wardrobe",
        ),
        keywords=(
            "fashion",
            "outfit styling",
            "capsule wardrobe",
            "streetwear",
            "sustainable fashion",
            "ootd",
            "tailoring",
            "accessories",
            "vintage",
            "style tips",
            "ethical clothing",
        ),
        products=(
            "capsule wardrobe staples",
            "tailored outerwear",
            "organic cotton basics",
            "handmade leather accessories",
            "recycled denim",
        ),
        audiences=(
            "people who want fewer, better clothes",
            "style-conscious commuters",
            "anyone building a wardrobe that lasts",
        ),
        claims=(
            "It offers free repairs for life and a take-back scheme for worn pieces.",
            "Every collection is cut in small batches from deadstock fabric.",
            "Its pieces are designed to mix and match across seasons.",
        ),
    ),
    "tech": Niche(
        roles=(
            "Software engineer",
            "Gadget reviewer",
            "Tech journalist",
            "Indie app developer",
            "Hardware tinkerer",
            "IT consultant",
            "Data scientist",
            "Keyboard enthusiast",
            "Product designer",
            "Smartphone photographer",
        ),
        topics=(
            "gadget reviews",
            "desk setups",
            "mechanical keyboards",
            "coding tutorials",
            "smartphones",
            "laptops",
            "AI tools",
            "smart home gear",
            "productivity apps",
            "PC builds",
            "budget tech",
            "camera phones",
        ),
        items=(
            "mechanical keyboard",
            "USB-C hub",
            "4K monitor",
            "noise-cancelling headphone",
            "laptop stand",
            "smartphone",
            "mirrorless camera",
            "smartwatch",
            "graphics card",
            "e-reader",
            "wireless charger",
            "NAS box",
            "tablet",
            "webcam",
            "gaming mouse",
        ),
        actions=(
            "benchmarking the new laptop",
            "rebuilding my desk setup",
            "testing six USB-C hubs",
            "coding a side project live",
            "unboxing the latest phone",
            "comparing two budget earbuds",
            "flashing custom firmware",
            "automating my home with scripts",
            "cleaning up cable management",
            "trying every AI note app",
        ),
        tags=(
            "techreview",
            "desksetup",
            "mechanicalkeyboard",
            "coding",
            "gadgets",
            "unboxing",
            "programming",
            "smarthome",
            "techtok",
            "developer",
            "pcbuild",
            "productivity",
        ),
        mentions=("keychron", "apple", "samsung", "logitech", "anker", "framework", "sony", "nothing"),
        challenges=(
            "a month without a mouse",
            "coding every day",
            "the minimal desk challenge",
            "a week on a budget phone",
        ),
        places=(
            "my home office",
            "the electronics shop",
            "a hackathon",
            "the tech conference floor",
            "my cluttered desk",
        ),
        keywords=(
            "tech reviews",
            "gadgets",
            "laptop",
            "desk setup",
            "USB-C",
            "productivity",
            "coding",
            "smart home",
            "consumer electronics",
            "work from home",
            "AI tools",
        ),
        products=(
            "lightweight laptops and USB-C docks",
            "mechanical keyboards",
            "smart home sensors",
            "noise-cancelling headphones",
            "productivity software",
        ),
        audiences=("developers and remote workers", "people who live at their desks", "tech enthusiasts on a budget"),
        claims=(
            "Its machines focus on battery life, good keyboards and quiet performance.",
            "Every device gets firmware updates for at least five years.",
            "It publishes repair guides and sells spare parts for everything it makes.",
        ),
    ),
    "fitness": Niche(
        roles=(
            "Strength coach",
            "Personal trainer",
            "Marathon runner",
            "Powerlifter",
            "CrossFit athlete",
            "Physio",
            "Calisthenics coach",
            "Online coach",
            "Hybrid athlete",
            "Gym owner",
        ),
        topics=(
            "strength training",
            "running plans",
            "HIIT workouts",
            "muscle building",
            "mobility drills",
            "home workouts",
            "progressive overload",
            "race prep",
            "calisthenics",
            "gym routines",
            "recovery days",
            "protein-packed meals",
        ),
        items=(
            "barbell",
            "kettlebell",
            "running shoe",
            "squat rack",
            "resistance band",
            "foam roller",
            "pull-up bar",
            "heart rate strap",
            "lifting belt",
            "rowing machine",
            "dumbbell set",
            "jump rope",
            "weighted vest",
            "training log",
            "protein shake",
        ),
        actions=(
            "hitting a new deadlift PR",
            "running an easy 10K",
            "finishing a brutal leg day",
            "training for my first marathon",
            "doing hip thrusts 4x8",
            "testing my max pull-ups",
            "coaching a beginner through squats",
            "deloading for a week",
            "timing my 5K splits",
            "building a push pull legs split",
        ),
        tags=(
            "legday",
            "strengthtraining",
            "gymmotivation",
            "running",
            "fitfam",
            "deadlift",
            "hiit",
            "workout",
            "fitnessjourney",
            "marathontraining",
            "calisthenics",
            "gains",
        ),
        mentions=("gymshark", "nike", "garmin", "strava", "myprotein", "roguefitness", "whoop", "asics"),
        challenges=("a 12-week strength block", "marathon training", "the 100 push-up challenge", "a summer cut"),
        places=("the gym floor", "the track", "my garage gym", "the park", "a muddy trail"),
        keywords=(
            "fitness",
            "gym training",
            "strength training",
            "workout",
            "running",
            "HIIT",
            "muscle building",
            "fitness tracker",
            "sports nutrition",
            "marathon",
            "calisthenics",
        ),
        products=(
            "GPS smartwatches and fitness trackers",
            "home gym equipment",
            "performance running shoes",
            "whey and plant protein",
            "training apparel",
        ),
        audiences=(
            "runners, lifters and weekend athletes",
            "people training at home",
            "athletes who like to see their data",
        ),
        claims=(
            "Its watches track heart rate, HRV and sleep, and sync with the major training apps.",
            "Every product is tested by competitive athletes before launch.",
            "Its gear is built to survive years of daily training.",
        ),
    ),
    "beauty": Niche(
        roles=(
            "Makeup artist",
            "Skincare nerd",
            "Licensed esthetician",
            "Nail tech",
            "Hair stylist",
            "Beauty editor",
            "Cosmetic chemist",
            "Bridal makeup artist",
            "Lash artist",
            "Brow specialist",
        ),
        topics=(
            "skincare routines",
            "makeup tutorials",
            "foundation shades",
            "nail art",
            "hair care",
            "GRWM videos",
            "drugstore dupes",
            "lipstick swatches",
            "acne-safe products",
            "bridal glam",
            "SPF reviews",
            "brow shaping",
        ),
        items=(
            "foundation",
            "serum",
            "lip oil",
            "mascara",
            "setting spray",
            "SPF 50",
            "cleansing balm",
            "eyeshadow palette",
            "concealer",
            "blush",
            "retinol cream",
            "nail polish",
            "hair mask",
            "bronzer",
            "brow gel",
        ),
        actions=(
            "doing a full-face GRWM",
            "shade-matching a new foundation",
            "testing a viral lip oil",
            "cleaning out my makeup bag",
            "doing soft glam for a wedding",
            "building a barrier-repair routine",
            "swatching every shade",
            "trying a no-makeup makeup look",
            "painting chrome nails",
            "reviewing drugstore dupes",
        ),
        tags=(
            "makeuptutorial",
            "skincareroutine",
            "grwm",
            "beautytok",
            "shadematch",
            "nailart",
            "glowingskin",
            "makeupartist",
            "skincare",
            "beautyreview",
            "softglam",
            "haircare",
        ),
        mentions=(
            "maybelline",
            "theordinary",
            "fentybeauty",
            "cerave",
            "glossier",
            "nyxcosmetics",
            "rarebeauty",
            "laroche",
        ),
        challenges=(
            "a no-foundation month",
            "the skin-cycling challenge",
            "thirty days of SPF",
            "a one-product makeup week",
        ),
        places=("my vanity", "the beauty counter", "backstage", "a bridal suite", "the bathroom mirror"),
        keywords=(
            "skincare",
            "makeup",
            "beauty",
            "skincare routine",
            "clean beauty",
            "SPF",
            "serum",
            "glowing skin",
            "cosmetics",
            "hair care",
            "sensitive skin",
        ),
        products=(
            "fragrance-free serums and ceramide moisturisers",
            "long-wear foundations",
            "vegan nail polish",
            "bond-repair hair care",
            "mineral sunscreens",
        ),
        audiences=(
            "sensitive and acne-prone skin",
            "makeup lovers of every skin tone",
            "people with a five-minute routine",
        ),
        claims=(
            "Formulas are tested on sensitive and acne-prone skin.",
            "Every shade range launches with at least forty shades.",
            "It publishes the full ingredient list and the reason for each one.",
        ),
    ),
    "food": Niche(
        roles=(
            "Home cook",
            "Recipe developer",
            "Pastry chef",
            "Food critic",
            "Meal prep fan",
            "Baker",
            "Street food hunter",
            "Private chef",
            "Vegan cook",
            "Nonna-trained cook",
        ),
        topics=(
            "weeknight dinners",
            "sourdough baking",
            "meal prep",
            "restaurant reviews",
            "street food",
            "Italian recipes",
            "plant-based cooking",
            "desserts",
            "one-pot meals",
            "budget recipes",
            "fermentation",
            "air fryer recipes",
        ),
        items=(
            "cast iron pan",
            "Dutch oven",
            "sourdough starter",
            "chef's knife",
            "focaccia",
            "ramen bowl",
            "risotto",
            "stand mixer",
            "spice rack",
            "air fryer",
            "pasta machine",
            "banana bread",
            "tray bake",
            "curry",
            "cheesecake",
        ),
        actions=(
            "baking a proper focaccia",
            "making cacio e pepe",
            "batch cooking for the week",
            "testing a viral pasta recipe",
            "feeding my sourdough starter",
            "reviewing a new ramen spot",
            "cooking a five-ingredient dinner",
            "frying street-style tacos",
            "making dumplings from scratch",
            "rating supermarket pizzas",
        ),
        tags=(
            "recipe",
            "homecooking",
            "foodie",
            "sourdough",
            "mealprep",
            "easyrecipes",
            "foodtok",
            "pasta",
            "baking",
            "dinnerideas",
            "streetfood",
            "vegan",
        ),
        mentions=("delverde", "lecreuset", "hellofresh", "waitrose", "bonappetit", "kitchenaid", "ooni", "maldonsalt"),
        challenges=("a month of budget dinners", "baking every day", "the no-takeaway challenge", "a pasta-a-day week"),
        places=("my tiny kitchen", "the night market", "a trattoria in Rome", "the farmers market", "my allotment"),
        keywords=(
            "recipes",
            "home cooking",
            "baking",
            "meal prep",
            "food reviews",
            "cookware",
            "plant-based",
            "healthy eating",
            "dinner ideas",
            "kitchenware",
            "sourdough",
        ),
        products=(
            "cast iron pans and enamelled Dutch ovens",
            "plant-based meal kits",
            "small-batch hot sauces",
            "carbon steel knives",
            "pizza ovens",
        ),
        audiences=("home cooks", "busy families who still want to cook", "people who love a long Sunday lunch"),
        claims=(
            "Each piece is meant to last decades and comes with recipes from partner chefs.",
            "Every box includes twenty-minute recipes designed with nutritionists.",
            "It sources ingredients from small farms within a day's drive.",
        ),
    ),
    "travel": Niche(
        roles=(
            "Travel photographer",
            "Backpacker",
            "Digital nomad",
            "Travel writer",
            "Van lifer",
            "Budget traveller",
            "Hiking guide",
            "Solo traveller",
            "Cruise reviewer",
            "Adventure filmmaker",
        ),
        topics=(
            "budget travel",
            "road trips",
            "hidden beaches",
            "city guides",
            "backpacking routes",
            "hiking trails",
            "hostel reviews",
            "travel hacks",
            "itineraries",
            "landscape photography",
            "island hopping",
            "slow travel",
        ),
        items=(
            "carry-on backpack",
            "travel tripod",
            "passport",
            "drone",
            "hiking boot",
            "rail pass",
            "packing cube",
            "travel adapter",
            "tent",
            "campervan",
            "guidebook",
            "ferry ticket",
            "sleeping bag",
            "camera bag",
            "boarding pass",
        ),
        actions=(
            "hiking the W Trek in five days",
            "planning a two-week itinerary",
            "chasing sunrise in Iceland",
            "booking flights for under fifty pounds",
            "driving the coast road",
            "island hopping in Greece",
            "packing for a month in one bag",
            "finding the quiet beaches",
            "catching the night train",
            "camping above the fjord",
        ),
        tags=(
            "travel",
            "wanderlust",
            "roadtrip",
            "backpacking",
            "travelgram",
            "solotravel",
            "hiking",
            "budgettravel",
            "itinerary",
            "travelphotography",
            "vanlife",
            "explore",
        ),
        mentions=("sonyalpha", "peakdesign", "lonelyplanet", "skyscanner", "airbnb", "interrail", "booking", "gopro"),
        challenges=(
            "visiting every national park",
            "a year of slow travel",
            "the one-bag challenge",
            "thirty countries before thirty",
        ),
        places=(
            "Lisbon",
            "Lofoten",
            "Patagonia",
            "Kyoto",
            "the Amalfi coast",
            "Bali",
            "the Scottish Highlands",
            "Marrakech",
            "Iceland",
            "a mountain hut",
        ),
        keywords=(
            "travel",
            "adventure travel",
            "road trips",
            "itineraries",
            "travel photography",
            "hotels",
            "backpacking",
            "hiking",
            "camera gear",
            "budget travel",
            "destinations",
        ),
        products=(
            "weather-sealed camera bags and travel tripods",
            "carry-on luggage",
            "boutique hotel stays",
            "rail and ferry passes",
            "lightweight camping gear",
        ),
        audiences=("photographers who work outdoors", "travellers who pack light", "families and solo explorers"),
        claims=(
            "Its gear is built to survive wind, snow and long hikes.",
            "Every listing is checked in person before it goes live.",
            "It plants a tree for every trip booked.",
        ),
    ),
    "parenting": Niche(
        roles=(
            "Mum of three",
            "Dad of twins",
            "Parenting coach",
            "Midwife",
            "Stay-at-home dad",
            "Montessori teacher",
            "Working mum",
            "Foster parent",
            "Paediatric nurse",
            "Toddler wrangler",
        ),
        topics=(
            "family life",
            "toddler meals",
            "bedtime routines",
            "school runs",
            "potty training",
            "sensory play",
            "baby sleep",
            "lunchbox ideas",
            "family days out",
            "newborn tips",
            "gentle parenting",
            "weaning",
        ),
        items=(
            "baby carrier",
            "pushchair",
            "lunchbox",
            "play mat",
            "high chair",
            "changing bag",
            "sticker chart",
            "night light",
            "school bag",
            "baby monitor",
            "sippy cup",
            "car seat",
            "bath toy",
            "balance bike",
            "reading corner",
        ),
        actions=(
            "surviving the school run",
            "making toddler-approved hidden veg pasta",
            "potty training in three days",
            "setting up a sensory play tray",
            "packing lunchboxes for the week",
            "getting the baby to nap",
            "planning a rainy-day den",
            "handling a supermarket meltdown",
            "reading five bedtime stories",
            "weaning with finger foods",
        ),
        tags=(
            "momlife",
            "parenting",
            "toddlerlife",
            "familytime",
            "dadlife",
            "newborn",
            "lunchboxideas",
            "sensoryplay",
            "momtok",
            "gentleparenting",
            "babyled",
            "familyfun",
        ),
        mentions=("mothercare", "stokke", "lego", "johnlewis", "tommeetippee", "ergobaby", "peppapig", "lovevery"),
        challenges=(
            "a screen-free week",
            "thirty days of bedtime stories",
            "the potty training challenge",
            "a month of batch-cooked family dinners",
        ),
        places=("the school gates", "soft play", "the living room floor", "grandma's house", "the park"),
        keywords=(
            "parenting",
            "family travel",
            "toddler",
            "baby products",
            "family life",
            "kids",
            "newborn essentials",
            "sensory play",
            "weaning",
            "family holidays",
            "nursery",
        ),
        products=(
            "ergonomic baby carriers and play mats",
            "family holiday bookings",
            "toddler feeding sets",
            "educational toys",
            "school lunchboxes",
        ),
        audiences=("parents of babies and toddlers", "busy families", "families travelling with children"),
        claims=(
            "The range is tested by a panel of parents and paediatric physiotherapists.",
            "Every listing shows cots, kids' clubs and pool safety.",
            "Everything is made without plastic and lasts through several children.",
        ),
    ),
    "wellness": Niche(
        roles=(
            "Yoga teacher",
            "Meditation guide",
            "Breathwork coach",
            "Therapist",
            "Sleep coach",
            "Holistic nutritionist",
            "Pilates instructor",
            "Mindfulness writer",
            "Reiki practitioner",
            "Mental health advocate",
        ),
        topics=(
            "morning routines",
            "meditation",
            "yoga flows",
            "breathwork",
            "journaling",
            "sleep hygiene",
            "mental health",
            "self-care rituals",
            "slow living",
            "stress relief",
            "gratitude practice",
            "digital detox",
        ),
        items=(
            "yoga mat",
            "journal",
            "meditation cushion",
            "herbal tea",
            "gua sha",
            "sleep mask",
            "essential oil",
            "weighted blanket",
            "singing bowl",
            "candle",
            "gratitude list",
            "breathing app",
            "sauna blanket",
            "pilates ring",
            "affirmation card",
        ),
        actions=(
            "doing a twenty-minute morning flow",
            "journaling before bed",
            "trying box breathing",
            "taking a social media break",
            "meditating for ten minutes",
            "switching off at nine",
            "practising yin yoga",
            "walking without headphones",
            "setting boundaries at work",
            "building a calmer evening routine",
        ),
        tags=(
            "selfcare",
            "mindfulness",
            "yogaflow",
            "mentalhealth",
            "meditation",
            "breathwork",
            "wellness",
            "slowliving",
            "journaling",
            "selflove",
            "healing",
            "morningroutine",
        ),
        mentions=("headspace", "calm", "lululemon", "aloyoga", "moleskine", "pukkaherbs", "theordinary", "oura"),
        challenges=(
            "thirty days of meditation",
            "a dopamine detox",
            "the morning pages challenge",
            "a month of early nights",
        ),
        places=("my mat", "a silent retreat", "the studio", "the forest", "a quiet corner at home"),
        keywords=(
            "meditation",
            "mindfulness",
            "breathwork",
            "sleep",
            "stress relief",
            "journaling",
            "mental health",
            "yoga",
            "self-care",
            "wellness",
            "holistic health",
        ),
        products=(
            "a meditation and sleep app",
            "organic herbal teas",
            "eco yoga mats",
            "guided journals",
            "weighted blankets",
        ),
        audiences=(
            "busy people who want ten calm minutes a day",
            "anyone who struggles to switch off",
            "yoga beginners",
        ),
        claims=(
            "It offers short guided sessions, breathwork exercises and journaling prompts.",
            "Every product is made from natural, non-toxic materials.",
            "It donates a share of profits to mental health charities.",
        ),
    ),
}

FIRST_NAMES = (
    "Maya",
    "Devon",
    "Jess",
    "Priya",
    "Marco",
    "Sam",
    "Nadia",
    "Theo",
    "Kenji",
    "Mike",
    "Amara",
    "Lucas",
    "Sofia",
    "Omar",
    "Chloe",
    "Ravi",
    "Elena",
    "Jonah",
    "Aisha",
    "Leo",
    "Hannah",
    "Mateo",
    "Zara",
    "Felix",
    "Ines",
    "Kwame",
    "Lena",
    "Noah",
    "Yuki",
    "Isla",
    "Diego",
    "Freya",
    "Hugo",
    "Mei",
    "Tariq",
    "Ava",
    "Rosa",
    "Ethan",
    "Layla",
    "Finn",
    "Anya",
    "Bruno",
    "Chen",
    "Dara",
    "Emil",
    "Gabi",
    "Ibrahim",
    "Jade",
    "Kai",
    "Lola",
    "Milo",
    "Nina",
    "Oscar",
    "Pia",
    "Quinn",
    "Rhys",
    "Sana",
    "Tom",
    "Uma",
    "Vera",
)
LAST_NAMES = (
    "Okafor",
    "Park",
    "Raman",
    "Whitaker",
    "Fontaine",
    "Laurent",
    "Morita",
    "Hughes",
    "Silva",
    "Novak",
    "Haddad",
    "Brennan",
    "Kowalski",
    "Mensah",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Nguyen",
    "Garcia",
    "Ahmed",
    "Oliveira",
    "Petrov",
    "Lindqvist",
    "Moreau",
    "Dubois",
    "Kim",
    "Walsh",
    "Adeyemi",
    "Costa",
    "Weber",
    "Ibrahim",
    "Jensen",
    "Murphy",
    "Alvarez",
    "Chowdhury",
    "Baker",
    "Ferreira",
    "Yilmaz",
    "Santos",
    "Cohen",
)
HANDLE_SUFFIXES = ("", ".official", "_", "tv", "daily", "hq", ".co", "x", "lab", "club")
CITIES = (
    "London",
    "Manchester",
    "Bristol",
    "Paris",
    "Berlin",
    "Lisbon",
    "Madrid",
    "Milan",
    "Amsterdam",
    "Dublin",
    "New York",
    "Toronto",
    "Sydney",
    "Melbourne",
    "Cape Town",
    "Lagos",
    "Mumbai",
    "Tokyo",
    "Seoul",
    "Mexico City",
    "Austin",
    "Glasgow",
    "Copenhagen",
    "Vienna",
)
EMOJI = ("✨", "🌿", "💪", "🖤", "📍", "🍝", "🏔️", "☕", "📷", "💻", "👶", "🧘", "💄", "🔥", "")
CONTACTS = (
    "Collabs: hello@{handle}.co",
    "DM for collabs",
    "Business: team@{handle}.com",
    "New video every {weekday}.",
    "linktr.ee/{handle}",
    "Shop my favourites below 👇",
    "",
    "Enquiries via email.",
    "Online coaching open → {handle}.com",
    "{handle}.com",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES = ("morning", "evening", "Sunday", "midweek", "weekend", "lunchtime")
OPENERS = (
    "Okay, hear me out:",
    "PSA:",
    "Finally",
    "Not me",
    "Quick one today:",
    "Still obsessed with",
    "Can we talk about",
    "Throwback to",
    "POV:",
    "Low-key proud of",
    "Week two of",
    "New series:",
)
REACTIONS = (
    "Worth it.",
    "Zero regrets.",
    "Would do it again.",
    "Never again 😅",
    "Thoughts?",
    "Who's in?",
    "Full details in my stories.",
    "Link in bio.",
    "Save it for later.",
    "More on this soon.",
    "Tell me I'm not the only one.",
    "Honestly surprised.",
)
VERDICTS = (
    "Pretty, but not for the price.",
    "Lives up to the hype.",
    "Overrated, sorry.",
    "Five stars, no notes.",
    "Good, not great.",
    "I'd buy it again tomorrow.",
    "Skip it and buy the cheaper one.",
)
NUMBERS = ("two", "three", "four", "five", "six", "seven", "ten", "twelve", "fifteen", "twenty")

BIO_TEMPLATES = (
    "{role} based in {city} {emoji} {Topic}, {topic2} and the occasional {topic3}. {contact}",
    "{role} | {Topic} & {topic2} | {city} {emoji}",
    "{role} sharing {topic} and {topic2}. {contact}",
    "{emoji} {role}. Honest takes on {topic}, {topic2} and {cross_topic}. {contact}",
    "{role} from {city}. Here for {topic}, {topic2} and good vibes {emoji}",
    "{Topic} without the fuss. {role}, {city}. {contact}",
    "{role} turned full-time creator {emoji} {Topic}, {topic2}, zero gatekeeping. {contact}",
    "Just a {role_lower} who loves {topic} and {cross_topic}. {city} {emoji}",
)
CAPTION_TEMPLATES = (
    "{opener} {action} #{tag} #{tag2}",
    "{Action} before {time}. {reaction} #{tag}",
    "Honest review of the {item} everyone keeps sending me. {verdict} #{tag}",
    "{Number} weeks of {topic} and the {item} still holds up #{tag}",
    "Swipe for my {topic} picks ➡️ #{tag} #{tag2}",
    "Day {day} of {challenge}: {action}. {reaction}",
    "You asked about my {item}, so here is everything #{tag}",
    "{Time} reset: {action}, then {action2} #{tag}",
    "Partnered with @{mention} on this one: {action} #ad #{tag}",
    "The {item} vs the {item2}: which one wins? Comments open #{tag}",
    "Small wins this week: {action} and finally {action2}",
    "Three things I wish I knew about {topic} sooner #{tag} #{tag2}",
    "Behind the scenes at {place}: {action} 😅",
    "Rainy {weekday}, {action}. {reaction}",
    "{Number} {topic} ideas you can steal this {time} #{tag}",
    "Back at {place} {action}. {reaction} #{tag}",
    "Tested the {item} from @{mention} for a month. {verdict}",
    "Beginner's guide to {topic}, part {day} #{tag} #{tag2}",
)


# ------------------------------------------------------------------------------ public API
def influencer_ids(n: int) -> list[str]:
    """``INF000001``..., zero-padded to at least 6 digits (wider for 1M+ so ids sort in row order)."""
    width = max(6, len(str(n)))
    return [f"INF{i:0{width}d}" for i in range(1, n + 1)]


def brand_ids(n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"BR{i:0{width}d}" for i in range(1, n + 1)]


@dataclass
class Growth:
    followers: np.ndarray  # (n,) int64 == history[:, -1]
    avg_likes: np.ndarray  # (n,) int64
    avg_comments: np.ndarray  # (n,) float64, one decimal
    history: np.ndarray  # (n, 30) int64, non-negative, oldest first
    pattern: np.ndarray  # (n,) object: one of PATTERNS


def generate_growth(n: int, rng: np.random.Generator, fake_share: float = 0.05) -> Growth:
    """Vectorised follower metrics for ``n`` influencers (see the module docstring for patterns)."""
    if not 0.0 <= fake_share <= 1.0:
        raise ValueError(f"fake_share must be in [0, 1], got {fake_share}")
    days = HISTORY_DAYS
    n_fake = round(n * fake_share)
    n_fast = min(round(n * FAST_GROWING_SHARE), n - n_fake)
    n_shrink = min(round(n * SHRINKING_SHARE), n - n_fake - n_fast)
    n_single = round(n_fake * FAKE_SINGLE_BURST_SHARE)
    labels = np.array(
        ["fake_burst"] * n_single
        + ["fake_bursts"] * (n_fake - n_single)
        + ["fast_growing"] * n_fast
        + ["shrinking"] * n_shrink
        + ["organic"] * (n - n_fake - n_fast - n_shrink),
        dtype=object,
    )
    pattern = labels[rng.permutation(n)]
    is_fake = np.isin(pattern, FAKE_PATTERNS)
    fast = pattern == "fast_growing"
    shrink = pattern == "shrinking"
    multi = pattern == "fake_bursts"

    # Final follower count: log-normal, median ~30K, heavy tail (a few accounts in the millions).
    final = np.clip(np.exp(rng.normal(np.log(30_000), 1.45, n)), 500, 40_000_000)

    # Daily relative gains (fraction of the first day's count), one row per influencer.
    drift = rng.uniform(0.0003, 0.004, n)
    drift[fast] = rng.uniform(0.012, 0.03, int(fast.sum()))
    drift[shrink] = -rng.uniform(0.0008, 0.006, int(shrink.sum()))
    # Viral growth accelerates: the drift ramps up over the month for fast growers.
    ramp = np.ones((n, days - 1))
    ramp[fast] = np.linspace(0.5, 1.5, days - 1)[None, :]
    noise_scale = np.abs(drift) * rng.uniform(0.25, 0.9, n) + 0.0004 * rng.uniform(0.2, 1.0, n)
    gains = drift[:, None] * ramp + noise_scale[:, None] * rng.standard_normal((n, days - 1))

    # Bought bursts: one (fake_burst) or 2-4 (fake_bursts) days with a large jump, bots purged
    # slowly afterwards. Burst days are distinct and fall on days 3..30 (gain index 1..28).
    burst_count = np.where(multi, rng.integers(2, 5, n), 1) * is_fake
    burst_size = np.where(multi, rng.uniform(0.04, 0.25, (4, n)), rng.uniform(0.08, 0.5, (4, n))).T
    day_order = np.argsort(rng.random((n, days - 2)), axis=1) + 1  # a random permutation per row
    for b in range(4):
        rows = np.flatnonzero(burst_count > b)
        cols = day_order[rows, b]
        gains[rows, cols] += burst_size[rows, b]
        # Purge: lose ~1 % of the burst per following day (platform clean-ups, bots unfollowing).
        after = np.arange(days - 1)[None, :] > cols[:, None]
        gains[rows] -= after * (0.01 * burst_size[rows, b])[:, None]

    level = np.concatenate([np.ones((n, 1)), 1.0 + np.cumsum(gains, axis=1)], axis=1)
    level = np.maximum(level, 0.02)  # a history never reaches zero or below
    history = np.rint(final[:, None] * level / level[:, -1:]).astype(np.int64)
    history[:, -1] = np.maximum(history[:, -1], 1)
    followers = history[:, -1].copy()

    # Engagement (likes + comments per post, % of followers): falls with audience size.
    honest_rate = 9.0 * (followers / 10_000.0) ** -0.18 * np.exp(rng.normal(0.0, 0.45, n))
    honest_rate[fast] *= 1.5  # viral accounts are viral because people engage
    rate = np.where(is_fake, rng.uniform(0.2, 1.8, n), np.clip(honest_rate, 0.3, 40.0))
    interactions = followers * rate / 100.0
    comment_share = rng.uniform(0.02, 0.08, n)
    avg_comments = np.round(interactions * comment_share, 1)
    avg_likes = np.rint(interactions - avg_comments).astype(np.int64)
    return Growth(followers=followers, avg_likes=avg_likes, avg_comments=avg_comments, history=history, pattern=pattern)


@dataclass
class Influencers:
    ids: list[str]
    names: list[str]
    bios: list[str]
    captions: list[str]  # ' | '-joined, 3-5 each
    niche: list[str]  # primary niche
    second_niche: list[str | None]


def generate_influencer_texts(n: int, rng: np.random.Generator) -> Influencers:
    """Names, bios and captions for ``n`` influencers (templates x per-niche vocabularies)."""
    niche_index = rng.choice(len(NICHES), size=n, p=np.asarray(NICHE_WEIGHTS))
    crosses = rng.random(n) < CROSS_NICHE_SHARE
    # Second niche: any niche but the primary one.
    second_index = (niche_index + rng.integers(1, len(NICHES), n)) % len(NICHES)
    ids = influencer_ids(n)
    names: list[str] = []
    bios: list[str] = []
    captions: list[str] = []
    niches = [NICHES[i] for i in niche_index.tolist()]
    seconds: list[str | None] = [NICHES[s] if c else None for s, c in zip(second_index.tolist(), crosses.tolist())]
    for start in range(0, n, _TEXT_CHUNK):
        stop = min(start + _TEXT_CHUNK, n)
        draws = rng.integers(0, 2**31 - 1, size=(stop - start, _DRAWS_PER_ROW), dtype=np.int64).tolist()
        for offset, row in enumerate(draws):
            i = start + offset
            picker = _Picker(row)
            primary = VOCAB[niches[i]]
            secondary = VOCAB[seconds[i]] if seconds[i] else None
            name, handle = _name(picker, primary)
            names.append(name)
            bios.append("" if picker.chance(EMPTY_BIO_SHARE) else _bio(picker, primary, secondary, handle))
            n_captions = 3 + picker.below(3)
            parts = []
            for _ in range(n_captions):
                vocab = secondary if secondary is not None and picker.chance(CROSS_CAPTION_PROB) else primary
                parts.append(_fill(picker.pick(CAPTION_TEMPLATES), picker, vocab, handle))
            captions.append(" | ".join(parts))
    return Influencers(ids=ids, names=names, bios=bios, captions=captions, niche=niches, second_niche=seconds)


@dataclass
class Brands:
    ids: list[str]
    names: list[str]
    descriptions: list[str]
    keywords: list[str]
    niche: list[str]
    second_niche: list[str | None]


_BRAND_PREFIXES = (
    "North",
    "Little",
    "Copper",
    "Pulse",
    "Dew",
    "Thread",
    "Still",
    "Volt",
    "Sprout",
    "Nest",
    "Fern",
    "Atlas",
    "Ember",
    "Tide",
    "Lumen",
    "Oak",
    "Willow",
    "Cobalt",
    "Maple",
    "Orbit",
    "Sage",
    "Harbor",
    "Pine",
    "Quill",
)
_BRAND_SUFFIXES = (
    "wear",
    "peak",
    "bloom",
    "line",
    "water",
    "book",
    " & Spoon",
    "ling",
    " & Hearth",
    "works",
    " Studio",
    " Labs",
    " Co.",
    "field",
    "craft",
    " House",
    "ly",
    "wise",
    "nest",
    " Supply",
)
_BRAND_VERBS = ("makes", "designs", "sells", "builds", "offers", "creates")


def generate_brands(n: int, rng: np.random.Generator) -> Brands:
    """``n`` brands covering every niche (round-robin over a shuffled niche order), ~30 % cross-niche."""
    order = rng.permutation(len(NICHES))
    niche_index = order[np.arange(n) % len(NICHES)]
    crosses = rng.random(n) < BRAND_CROSS_NICHE_SHARE
    second_index = (niche_index + rng.integers(1, len(NICHES), n)) % len(NICHES)
    draws = rng.integers(0, 2**31 - 1, size=(n, 48), dtype=np.int64).tolist()
    names, descriptions, keywords, niches, seconds = [], [], [], [], []
    used: set[str] = set()
    for i in range(n):
        picker = _Picker(draws[i])
        niche = NICHES[int(niche_index[i])]
        second = NICHES[int(second_index[i])] if crosses[i] else None
        vocab, other = VOCAB[niche], (VOCAB[second] if second else None)
        name = picker.pick(_BRAND_PREFIXES) + picker.pick(_BRAND_SUFFIXES)
        if name in used:
            name = f"{name} {picker.pick(('One', 'Two', 'Plus', 'Goods', 'Collective', 'Project'))}"
        suffix = 2
        base = name
        while name in used:
            name, suffix = f"{base} {suffix}", suffix + 1
        used.add(name)
        sentences = [
            f"{name} {picker.pick(_BRAND_VERBS)} {picker.pick(vocab.products)} for {picker.pick(vocab.audiences)}."
        ]
        if other is not None:
            sentences.append(
                f"Its newest range brings {picker.pick(other.products)} to {picker.pick(other.audiences)}."
            )
        sentences.append(picker.pick(vocab.claims))
        if other is None and picker.chance(0.5):
            sentences.append(f"It works with creators who post about {picker.pick(vocab.topics)}.")
        words = picker.sample(vocab.keywords, 6 + picker.below(3))
        if other is not None:
            words += [w for w in picker.sample(other.keywords, 2 + picker.below(2)) if w not in words]
        names.append(name)
        descriptions.append(" ".join(sentences))
        keywords.append(", ".join(words))
        niches.append(niche)
        seconds.append(second)
    return Brands(
        ids=brand_ids(n), names=names, descriptions=descriptions, keywords=keywords, niche=niches, second_niche=seconds
    )


def generate(
    out: Path | str,
    influencers: int,
    brands: int = 100,
    seed: int = 42,
    fake_share: float = 0.05,
    growth_only: bool = False,
) -> dict[str, Path]:
    """Write the input files for ``influencers`` influencers and ``brands`` brands into ``out``.

    Returns the paths written, by file stem.
    """
    if influencers < 1:
        raise ValueError(f"need at least one influencer, got {influencers}")
    if brands < 0:
        raise ValueError(f"brands must be >= 0, got {brands}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    text_seq, growth_seq, brand_seq = np.random.SeedSequence(seed).spawn(3)
    written: dict[str, Path] = {}

    growth = generate_growth(influencers, np.random.default_rng(growth_seq), fake_share)
    ids = influencer_ids(influencers)
    written["growth_data"] = _write_growth(out / "growth_data.csv", ids, growth)
    if growth_only:
        return written

    people = generate_influencer_texts(influencers, np.random.default_rng(text_seq))
    written["influencers_data"] = _write_csv(
        out / "influencers_data.csv", INFLUENCER_COLUMNS, zip(ids, people.names, people.bios, people.captions)
    )
    shops = generate_brands(brands, np.random.default_rng(brand_seq))
    written["brands_data"] = _write_csv(
        out / "brands_data.csv", BRAND_COLUMNS, zip(shops.ids, shops.names, shops.descriptions, shops.keywords)
    )
    fake_flags = ["true" if p in FAKE_PATTERNS else "false" for p in growth.pattern.tolist()]
    written["ground_truth"] = _write_csv(
        out / "ground_truth.csv", GROUND_TRUTH_COLUMNS, zip(ids, people.niche, fake_flags, growth.pattern.tolist())
    )
    return written


# ------------------------------------------------------------------------------ helpers
class _Picker:
    """Deterministic choices from one row of pre-drawn integers (cycles if a row runs out)."""

    __slots__ = ("_pos", "_row")

    def __init__(self, row: list[int]) -> None:
        self._row = row
        self._pos = 0

    def _next(self) -> int:
        value = self._row[self._pos % len(self._row)]
        if self._pos >= len(self._row):  # past the end: decorrelate the reused values
            value = (value * 2654435761 + self._pos) % 2147483647
        self._pos += 1
        return value

    def below(self, n: int) -> int:
        return self._next() % n

    def pick(self, options):
        return options[self._next() % len(options)]

    def chance(self, p: float) -> bool:
        return (self._next() % 1_000_000) < p * 1_000_000

    def sample(self, options, k: int) -> list:
        pool = list(options)
        chosen = []
        for _ in range(min(k, len(pool))):
            chosen.append(pool.pop(self._next() % len(pool)))
        return chosen


_FIELDS_CACHE: dict[str, tuple[str, ...]] = {}


def _fields(template: str) -> tuple[str, ...]:
    fields = _FIELDS_CACHE.get(template)
    if fields is None:
        fields = tuple(sorted({f for _, f, _, _ in string.Formatter().parse(template) if f}, key=str.lower))
        _FIELDS_CACHE[template] = fields
    return fields


def _slot(base: str, picker: _Picker, vocab: Niche, handle: str, filled: dict) -> str:
    if base == "action":
        return picker.pick(vocab.actions)
    if base == "action2":
        return _different(picker, vocab.actions, filled.get("action"))
    if base == "item":
        return picker.pick(vocab.items)
    if base == "item2":
        return _different(picker, vocab.items, filled.get("item"))
    if base == "topic":
        return picker.pick(vocab.topics)
    if base in ("topic2", "topic3"):
        return _different(picker, vocab.topics, filled.get("topic"), filled.get("topic2"))
    if base == "tag":
        return picker.pick(vocab.tags)
    if base == "tag2":
        return _different(picker, vocab.tags, filled.get("tag"))
    if base == "mention":
        return picker.pick(vocab.mentions)
    if base == "challenge":
        return picker.pick(vocab.challenges)
    if base == "place":
        return picker.pick(vocab.places)
    if base == "opener":
        return picker.pick(OPENERS)
    if base == "reaction":
        return picker.pick(REACTIONS)
    if base == "verdict":
        return picker.pick(VERDICTS)
    if base == "number":
        return picker.pick(NUMBERS)
    if base == "time":
        return picker.pick(TIMES)
    if base == "weekday":
        return picker.pick(WEEKDAYS)
    if base == "day":
        return str(2 + picker.below(88))
    if base == "city":
        return picker.pick(CITIES)
    if base == "emoji":
        return picker.pick(EMOJI)
    if base == "handle":
        return handle
    raise KeyError(base)


def _different(picker: _Picker, options, *avoid) -> str:
    value = picker.pick(options)
    for _ in range(3):
        if value not in avoid:
            break
        value = picker.pick(options)
    return value


def _fill(template: str, picker: _Picker, vocab: Niche, handle: str, extra: dict | None = None) -> str:
    # Slots are drawn once per lower-case name ({Topic} and {topic} share a value), in sorted
    # order so that action2/item2/tag2/topic2 can avoid repeating action/item/tag/topic.
    raw: dict[str, str] = dict(extra or {})
    values: dict[str, str] = {}
    for field in _fields(template):
        base = field.lower()
        if base not in raw:
            raw[base] = _slot(base, picker, vocab, handle, raw)
        values[field] = _capitalise(raw[base]) if field[0].isupper() else raw[base]
    return " ".join(template.format(**values).split())  # collapse doubled spaces (empty emoji/contact)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(picker: _Picker, vocab: Niche) -> tuple[str, str]:
    first, last = picker.pick(FIRST_NAMES), picker.pick(LAST_NAMES)
    style = picker.below(10)
    word = picker.pick(vocab.tags)[:8]
    if style < 5:
        handle = f"{first}{last}".lower()
        return f"{first} {last}", handle
    if style < 8:
        handle = f"{first.lower()}.{word}{picker.pick(HANDLE_SUFFIXES)}"
        return handle, handle.replace(".", "")
    if style < 9:
        handle = f"the{last.lower()}family" if vocab is VOCAB["parenting"] else f"{word}with{first.lower()}"
        return (f"The {last} Family" if vocab is VOCAB["parenting"] else handle), handle
    handle = f"{first.lower()}_{last.lower()}{picker.below(100)}"
    return handle, handle.replace("_", "")


def _bio(picker: _Picker, vocab: Niche, secondary: Niche | None, handle: str) -> str:
    template = picker.pick(BIO_TEMPLATES)
    role = picker.pick(vocab.roles)
    cross = picker.pick((secondary or vocab).topics)
    contact = _fill(picker.pick(CONTACTS), picker, vocab, handle)
    return _fill(
        template,
        picker,
        vocab,
        handle,
        extra={"role": role, "role_lower": role.lower(), "cross_topic": cross, "contact": contact},
    )


def _write_csv(path: Path, header, rows) -> Path:
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)
    return path


def _write_growth(path: Path, ids: list[str], growth: Growth) -> Path:
    # Hand-formatted (every field is a number or a quoted list without inner quotes): about 3x
    # faster than csv.writer for a million rows.
    tmp = path.with_suffix(".csv.tmp")
    history = growth.history.tolist()
    followers = growth.followers.tolist()
    likes = growth.avg_likes.tolist()
    comments = growth.avg_comments.tolist()
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(GROWTH_COLUMNS) + "\n")
        lines = []
        for i in range(len(ids)):
            lines.append(
                f'{ids[i]},{followers[i]},{likes[i]},{comments[i]:.1f},"[{", ".join(map(str, history[i]))}]"\n'
            )
            if len(lines) >= 100_000:
                handle.write("".join(lines))
                lines.clear()
        handle.write("".join(lines))
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m python_udfs.generators.influencers",
        description="Write synthetic influencers_data.csv, growth_data.csv, brands_data.csv and "
        "ground_truth.csv (seed contracts) into a folder.",
    )
    parser.add_argument("--influencers", type=int, required=True, help="number of influencers")
    parser.add_argument("--brands", type=int, default=100, help="number of brands (default 100)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--fake-share", type=float, default=0.05, help="share of planted fake-follower accounts (default 0.05)"
    )
    parser.add_argument("--growth-only", action="store_true", help="write growth_data.csv only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = generate(args.out, args.influencers, args.brands, args.seed, args.fake_share, args.growth_only)
    elapsed = time.perf_counter() - started
    for path in written.values():
        print(path)
    print(
        f"{args.influencers} influencers, {0 if args.growth_only else args.brands} brands in {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
