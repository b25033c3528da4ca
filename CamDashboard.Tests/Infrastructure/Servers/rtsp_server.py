#!/usr/bin/python3
"""A real RTSP camera for the tests: GStreamer's RTSP server on 127.0.0.1 serving
videotestsrc as H.264 (or MJPEG) at /test.
Usage: rtsp_server.py PORT [USER PASSWORD] [WIDTH HEIGHT FPS [h264|jpeg]]
Prints "ready" once it listens."""
import sys
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer, GLib

port = sys.argv[1]
user, password = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] else (None, None)
width, height, fps = (sys.argv[4:7] if len(sys.argv) > 6 else ("320", "180", "15"))
codec = sys.argv[7] if len(sys.argv) > 7 else "h264"
encode = ("videoconvert ! video/x-raw,format=I420 ! jpegenc quality=70 ! rtpjpegpay name=pay0 pt=26" if codec == "jpeg"
          else f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} ! rtph264pay name=pay0 pt=96")

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1 ! {encode} )")
factory.set_shared(True)
if user:
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role("user", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
    permissions.add_permission_for_role("user", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
    factory.set_permissions(permissions)
server.get_mount_points().add_factory("/test", factory)
if server.attach(None) == 0:
    sys.exit("could not listen on port " + port)
print("ready", flush=True)
GLib.MainLoop().run()
