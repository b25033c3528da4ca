#!/usr/bin/python3
"""The benchmark's RTSP cameras: GStreamer's RTSP server on 127.0.0.1 with two shared media
factories — /main (1920x1080, 25 fps) and /sub (640x360, 25 fps), H.264 with a key frame every
2 s, like an IP camera's main stream and substream. Shared: each picture is encoded once however
many cameras of the fleet connect, so sixteen "cameras" cost the stand-in two encodes.
Usage: rtsp_fleet.py PORT. Prints "ready" once it listens."""
import sys
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer, GLib

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(sys.argv[1])
# A moving picture with detail everywhere (not a flat test card), at the bit rates cameras use.
for mount, width, height, kbps in (("/main", 1920, 1080, 4096), ("/sub", 640, 360, 512)):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        f"( videotestsrc is-live=true pattern=zone-plate kx2=20 ky2=20 kt=1 ! video/x-raw,width={width},height={height},framerate=25/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=50 bitrate={kbps} ! rtph264pay name=pay0 pt=96 config-interval=1 )")
    factory.set_shared(True)
    server.get_mount_points().add_factory(mount, factory)
if server.attach(None) == 0:
    sys.exit("could not listen on port " + sys.argv[1])
print("ready", flush=True)
GLib.MainLoop().run()
