"""Pictures and proof on the editor page: upload several at once, cover and order, removal, the
thumbnail placeholder, and every refusal shown next to its form with nothing changed."""
import io

from sqlalchemy import select

from marketplace.catalog.models import Listing, ListingImage
from marketplace.extensions import db
from tests.buyers_portal.conftest import EN, files
from tests.catalog.conftest import picture


def image_ids(app, listing_id: int) -> list[int]:
    with app.app_context():
        return [image.id for image in db.session.get(Listing, listing_id).images]


def test_move_down_and_make_cover_reorder_the_gallery(app, portal, ready):
    listing_id = ready(pictures=3)
    first, second, third = image_ids(app, listing_id)
    base = f"/portal/listings/{listing_id}/images"
    response = portal.post(f"{base}/{first}/move", data={"move": "down"})
    assert response.status_code == 302 and response.location.endswith("/edit#pictures")
    assert image_ids(app, listing_id) == [second, first, third]
    portal.post(f"{base}/{third}/move", data={"move": "first"})
    assert image_ids(app, listing_id) == [third, second, first]
    portal.post(f"{base}/{first}/move", data={"move": "up"})
    assert image_ids(app, listing_id) == [third, first, second]
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    cover = page.index(f'id="image-{third}"')
    assert page.index('<span class="badge cover">Cover</span>', cover) < page.index(f'id="image-{first}"')


def test_remove_a_picture(app, portal, ready):
    listing_id = ready(pictures=2)
    first, second = image_ids(app, listing_id)
    assert portal.post(f"/portal/listings/{listing_id}/images/{first}/delete").status_code == 302
    assert image_ids(app, listing_id) == [second]


def test_an_unknown_move_is_refused(app, portal, ready, snapshot):
    listing_id = ready(pictures=2)
    before = snapshot(listing_id)
    first = image_ids(app, listing_id)[0]
    response = portal.post(f"/portal/listings/{listing_id}/images/{first}/move", data={"move": "sideways"},
                           headers=EN)
    assert response.status_code == 422
    assert '<p class="error" id="images-error">Choose where to move the picture.</p>' in response.get_data(
        as_text=True)
    assert snapshot(listing_id) == before


def test_a_picture_of_another_listing_is_404(app, portal, ready, draft):
    listing_id, other_id = ready(), draft(**{"skus-0-code": "OTHER-1", "skus-1-code": "OTHER-2"})
    image = image_ids(app, listing_id)[0]
    moved = portal.post(f"/portal/listings/{other_id}/images/{image}/move", data={"move": "up"})
    assert moved.status_code == 404
    assert portal.post(f"/portal/listings/{other_id}/images/{image}/delete").status_code == 404
    assert image_ids(app, listing_id) == [image]


def test_thumbnails_show_once_made_and_a_placeholder_before(app, portal, ready):
    listing_id = ready(pictures=1)
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    assert '-200.jpg" alt="Picture 1"' in page  # jobs run inline in tests: already made
    with app.app_context():
        db.session.scalar(select(ListingImage)).thumbnails = {}
        db.session.commit()
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    assert ('<span class="placeholder thumbnail-pending" role="img" aria-label="Picture 1">'
            'Preparing the thumbnail…</span>') in page


def test_a_file_that_is_not_a_picture_is_refused_and_none_of_the_batch_is_kept(app, portal, draft, snapshot):
    listing_id = draft()
    before = snapshot(listing_id)
    batch = {"images": [(io.BytesIO(picture()), "good.jpg"),
                        (io.BytesIO(b"%PDF-1.4 not a picture"), "fake.jpg")]}
    response = portal.post(f"/portal/listings/{listing_id}/images", data=batch, headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="images-error">This file is not a JPEG, PNG or WebP picture.</p>' in page
    assert snapshot(listing_id) == before


def test_no_file_chosen_is_refused(portal, draft, snapshot):
    listing_id = draft()
    before = snapshot(listing_id)
    response = portal.post(f"/portal/listings/{listing_id}/images", data={}, headers=EN)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert '<p class="error" id="images-error">Choose a file to upload.</p>' in page
    assert snapshot(listing_id) == before


def test_a_tenth_picture_is_refused(app, portal, ready, snapshot):
    listing_id = ready(pictures=9)
    before = snapshot(listing_id)
    response = portal.post(f"/portal/listings/{listing_id}/images", data=files(picture()), headers=EN)
    assert response.status_code == 422
    assert '<p class="error" id="images-error">A listing has at most 9 pictures.</p>' in response.get_data(
        as_text=True)
    assert snapshot(listing_id) == before
    assert len(image_ids(app, listing_id)) == 9


def test_submitting_without_pictures_is_refused(portal, draft, snapshot):
    listing_id = draft()
    portal.post(f"/portal/listings/{listing_id}/proof", data=files(picture(), name="proof"))
    before = snapshot(listing_id)
    response = portal.post(f"/portal/listings/{listing_id}/submit", headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="images-error">Add at least one picture.</p>' in page
    assert snapshot(listing_id) == before


def test_submitting_without_the_proof_is_refused(portal, draft, snapshot):
    listing_id = draft()
    portal.post(f"/portal/listings/{listing_id}/images", data=files(picture()))
    before = snapshot(listing_id)
    response = portal.post(f"/portal/listings/{listing_id}/submit", headers=EN)
    assert response.status_code == 422
    assert ('<p class="error" id="proof-error">Upload the authenticity proof (a photo of the receipt).</p>'
            in response.get_data(as_text=True))
    assert snapshot(listing_id) == before


def test_a_proof_that_is_not_a_picture_is_refused(portal, draft, snapshot):
    listing_id = draft()
    before = snapshot(listing_id)
    response = portal.post(f"/portal/listings/{listing_id}/proof", headers=EN,
                           data={"proof": (io.BytesIO(b"GIF89a not really"), "receipt.gif")})
    assert response.status_code == 422
    assert ('<p class="error" id="proof-error">This file is not a JPEG, PNG or WebP picture.</p>'
            in response.get_data(as_text=True))
    assert snapshot(listing_id) == before


def test_the_proof_is_linked_by_a_signed_url(portal, ready):
    listing_id = ready()
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    assert 'The proof is uploaded. <a href="/files/' in page
