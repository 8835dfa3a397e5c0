@echo off
rem Preview the portal: double-click this file. (ASCII until chcp: cmd reads the lines
rem before it in the old code page; from chcp 65001 on, it reads them as UTF-8.)
chcp 65001 >nul
rem ---------------------------------------------------------------------------
rem Xem trước cổng thông tin kế hoạch trên máy này.
rem
rem Bấm đúp vào tệp này trong File Explorer: kehoach.exe dựng cổng thông tin từ
rem thư mục chứa tệp này (site.toml, content\, static\) rồi mở trang chủ trong
rem trình duyệt. Mỗi lần lưu một tệp trong content\, trang tự tải lại.
rem
rem Muốn xem trước một thư mục trang khác: chép kehoach.exe và tệp này vào đó.
rem scripts\dist đổi dòng của tệp này sang kiểu Windows (CRLF) khi đóng gói.
rem ---------------------------------------------------------------------------
title Xem trước cổng thông tin - kehoach
rem %~dp0 là thư mục chứa tệp này, dù tệp được mở từ đâu.
cd /d "%~dp0"
rem Không dùng khối ( ... ) ở đây: một đường dẫn có dấu ngoặc, như
rem "C:\Program Files (x86)", sẽ làm hỏng khối đó.
if not exist "kehoach.exe" goto thieu_chuong_trinh
if not exist "site.toml" goto khong_phai_thu_muc_trang

echo Đang dựng cổng thông tin và mở trình duyệt...
echo Để cửa sổ này mở trong khi xem và sửa tệp.
echo Xem xong: đóng cửa sổ này, hoặc bấm Ctrl+C.
echo.
kehoach.exe serve --open
goto dung

:thieu_chuong_trinh
echo Không tìm thấy kehoach.exe trong thư mục "%CD%".
echo Hãy để tệp xem-truoc.bat cùng thư mục với kehoach.exe.
goto dung

:khong_phai_thu_muc_trang
echo Thư mục "%CD%" chưa phải là thư mục trang: không có tệp site.toml.
echo Hãy để tệp xem-truoc.bat và kehoach.exe trong thư mục trang.

:dung
echo.
echo Chương trình đã dừng. Nếu có thông báo lỗi ở trên, hãy đọc kỹ rồi sửa.
pause
