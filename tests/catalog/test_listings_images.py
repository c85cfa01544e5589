"""Listing pictures: checked by content, stripped of EXIF, thumbnailed and hashed by the inline
job; at most nine, reordered and removed; the authenticity proof is private."""
import io
import os

import pytest
from PIL import Image

from marketplace.catalog.models import Listing, ListingImage
from marketplace.extensions import db
from marketplace.storage import get_storage
from tests.catalog.conftest import picture, upload

URL = "/api/v1/shop/listings"


def stored(app, image_id):
    with app.app_context():
        row = db.session.get(ListingImage, image_id)
        return row, get_storage().open(row.storage_key)


@pytest.mark.parametrize(("image_format", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"),
                                                            ("WEBP", "image/webp")])
def test_accepts_jpeg_png_and_webp(app, seller_api, create, image_format, content_type):
    listing = create()
    response = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(image_format), "x.bin"))
    assert response.status_code == 201
    body = response.get_json()
    assert (body["position"], body["width"], body["height"], body["pending"]) == (0, 640, 480, False)
    row, data = stored(app, body["id"])
    assert Image.open(io.BytesIO(data)).format == image_format
    assert row.storage_key.startswith(f"public/listings/{listing['id']}/")
    assert body["url"] == f"/media/{row.storage_key}"


def test_thumbnails_and_hash_exist_after_the_job(app, seller_api, create):
    listing = create()
    image_id = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(1600, 1200)))
                               ).get_json()["id"]
    row, _ = stored(app, image_id)
    assert sorted(row.thumbnails) == ["1200", "200", "600"]
    with app.app_context():
        widths = {size: Image.open(io.BytesIO(get_storage().open(key))).size
                  for size, key in row.thumbnails.items()}
    assert widths == {"200": (200, 150), "600": (600, 450), "1200": (1200, 900)}
    assert row.phash is not None and len(row.phash) == 16
    shown = seller_api.get(f"{URL}/{listing['id']}").get_json()["images"][0]["thumbnails"]
    assert shown == {size: f"/media/{key}" for size, key in row.thumbnails.items()}


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 26.0), 3: "E", 4: (116.0, 23.0, 30.0)})
    return exif


def test_exif_and_gps_are_stripped_and_the_orientation_applied(app, seller_api, create):
    listing = create()
    original = picture("JPEG", exif=gps_exif().tobytes())
    assert Image.open(io.BytesIO(original)).getexif()[0x0112] == 6
    body = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(original)).get_json()
    _, data = stored(app, body["id"])
    cleaned = Image.open(io.BytesIO(data))
    assert dict(cleaned.getexif()) == {}
    assert "exif" not in cleaned.info and b"PhoneMaker" not in data
    assert cleaned.size == (480, 640) == (body["width"], body["height"])


@pytest.mark.parametrize(("data", "name"), [
    (b"just some text, not a picture", "photo.jpg"),
    (picture("GIF"), "animated.gif"),
    (picture("BMP"), "photo.png"),
    (picture("JPEG")[:200], "truncated.jpg"),
    (b"", "empty.jpg"),
])
def test_refuses_what_is_not_a_jpeg_png_or_webp_by_content(app, seller_api, create, count, data, name):
    listing = create()
    response = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(data, name))
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["file"]
    assert count(ListingImage) == 0


def test_refuses_a_decompression_bomb(seller_api, create, count):
    listing = create()
    bomb = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(bomb, "PNG")  # 50 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 100_000
    response = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(bomb.getvalue(), "bomb.png"))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "image_refused"
    assert count(ListingImage) == 0


def test_refuses_more_than_10_mb(seller_api, create, count):
    listing = create()
    too_big = picture("PNG") + os.urandom(10 * 1024 * 1024)
    response = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(too_big, "big.png"),
                               headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"file": ["A picture may be at most 10 MB."]}
    assert count(ListingImage) == 0


def test_refuses_a_missing_file(seller_api, create):
    listing = create()
    response = seller_api.post(f"{URL}/{listing['id']}/images", data={})
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["file"]


def test_a_tenth_picture_is_refused(seller_api, create, count):
    listing = create()
    for _ in range(9):
        assert seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(60, 40)))
                               ).status_code == 201
    response = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(60, 40))))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "too_many_images"
    assert count(ListingImage) == 9


def test_reorder_chooses_the_cover_and_delete_renumbers(seller_api, create, count):
    listing = create()
    ids = [seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(60, 40)))
                           ).get_json()["id"] for _ in range(3)]
    response = seller_api.patch(f"{URL}/{listing['id']}/images", json={"order": [ids[2], ids[0], ids[1]]})
    assert response.status_code == 200
    assert [(image["id"], image["position"]) for image in response.get_json()["images"]] == [
        (ids[2], 0), (ids[0], 1), (ids[1], 2)]
    assert seller_api.delete(f"{URL}/{listing['id']}/images/{ids[2]}").status_code == 204
    images = seller_api.get(f"{URL}/{listing['id']}").get_json()["images"]
    assert [(image["id"], image["position"]) for image in images] == [(ids[0], 0), (ids[1], 1)]
    assert count(ListingImage) == 2


@pytest.mark.parametrize("order", [[], [1], "first", [0, 0, 0]])
def test_a_bad_order_changes_nothing(seller_api, create, order):
    listing = create()
    for _ in range(2):
        seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(60, 40))))
    before = seller_api.get(f"{URL}/{listing['id']}").get_json()["images"]
    response = seller_api.patch(f"{URL}/{listing['id']}/images", json={"order": order})
    assert response.status_code == 422
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["images"] == before


def test_deleting_an_unknown_picture_is_a_404(seller_api, create):
    listing = create()
    assert seller_api.delete(f"{URL}/{listing['id']}/images/999999").status_code == 404


def test_the_proof_is_private_and_cleaned(app, client, seller_api, create):
    listing = create()
    response = seller_api.post(f"{URL}/{listing['id']}/proof",
                               data=upload(picture("JPEG", exif=gps_exif().tobytes()), "receipt.jpg"))
    assert response.status_code == 201
    body = response.get_json()
    assert (body["id"], body["proof"]) == (listing["id"], True)
    assert body["url"].startswith("/files/")
    with app.app_context():
        key = db.session.get(Listing, listing["id"]).proof_key
        data = get_storage().open(key)
    assert key.startswith(f"private/listings/{listing['id']}/")
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}
    assert client.get(f"/media/{key}").status_code == 404
    assert client.get(body["url"]).status_code == 200
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["proof"] is True


def test_a_text_file_is_no_proof(seller_api, create):
    listing = create()
    response = seller_api.post(f"{URL}/{listing['id']}/proof", data=upload(b"%PDF-1.4 fake", "receipt.jpg"))
    assert response.status_code == 422
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["proof"] is False


def test_a_deleted_picture_leaves_no_files_behind(app, seller_api, create):
    from marketplace.extensions import db
    from marketplace.storage import get_storage

    listing = create()
    image_id = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture())).get_json()["id"]
    with app.app_context():
        image = db.session.get(ListingImage, image_id)
        keys = [image.storage_key, *image.thumbnails.values()]
    with app.app_context():
        assert len(keys) == 4 and all(get_storage().exists(key) for key in keys)
    assert seller_api.delete(f"{URL}/{listing['id']}/images/{image_id}").status_code == 204
    with app.app_context():
        assert not any(get_storage().exists(key) for key in keys)
