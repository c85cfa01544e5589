def test_home_page_answers_in_chinese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="zh-CN"' in response.get_data(as_text=True)
