/*
 * The public functions of m3cvc_bridge.h: each makes sure the JVM runs, then calls the m3cvcj_* function JavaCPP
 * generated from org.m3cvc.bridge.NativeBridge. Included into JavaCPP's generated m3cvcbridge.cpp, so that the library
 * is one file.
 *
 * The JVM is found without the user's help: libjvm.so of the JDK that built the library (M3CVC_BUILD_LIBJVM), else
 * $JAVA_HOME/lib/server/libjvm.so. It is loaded with dlopen, so the library has no link-time dependency on a JDK.
 * The class path is m3cvc-native-bridge.jar next to this library (its manifest names the codec's jar). The JVM gets
 * -Xrs (the host keeps SIGINT and friends: FFmpeg then finishes its output on Ctrl-C), and the options in
 * $M3CVC_JVM_OPTIONS (whitespace-separated), e.g. -Xmx2g.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M3CVC_BUILD_LIBJVM
#define M3CVC_BUILD_LIBJVM ""
#endif

extern "C" {
JNIEXPORT int64_t m3cvcj_encoder_open(const char* arg0, int64_t* arg1, char* arg2, int arg3);
JNIEXPORT int m3cvcj_encoder_send_frame(int64_t arg0, const uint8_t* arg1, int arg2, int arg3, int arg4,
                                        int64_t* arg5, char* arg6, int arg7);
JNIEXPORT int m3cvcj_encoder_finish(int64_t arg0, char* arg1, int arg2);
JNIEXPORT int m3cvcj_encoder_extradata(int64_t arg0, uint8_t* arg1, int arg2, char* arg3, int arg4);
JNIEXPORT int m3cvcj_encoder_receive_packet(int64_t arg0, uint8_t* arg1, int arg2, int64_t* arg3, char* arg4, int arg5);
JNIEXPORT int64_t m3cvcj_decoder_open(const char* arg0, const uint8_t* arg1, int arg2, int64_t* arg3, char* arg4,
                                      int arg5);
JNIEXPORT int m3cvcj_decoder_send_packet(int64_t arg0, const uint8_t* arg1, int arg2, int64_t arg3, char* arg4, int arg5);
JNIEXPORT int m3cvcj_decoder_receive_frame(int64_t arg0, uint8_t* arg1, int arg2, int64_t* arg3, char* arg4, int arg5);
JNIEXPORT int m3cvcj_decoder_flush(int64_t arg0);
JNIEXPORT int m3cvcj_close(int64_t arg0);
}

static pthread_once_t m3cvc_jvm_once = PTHREAD_ONCE_INIT;
static int m3cvc_jvm_status = M3CVC_ERR_JVM;
static char m3cvc_jvm_error[1024] = "JVM not started";

static void m3cvc_jvm_fail(const char *fmt, const char *arg) {
    snprintf(m3cvc_jvm_error, sizeof(m3cvc_jvm_error), fmt, arg);
}

static void *m3cvc_open_libjvm(void) {
    void *h = NULL;
    if (M3CVC_BUILD_LIBJVM[0]) h = dlopen(M3CVC_BUILD_LIBJVM, RTLD_NOW | RTLD_GLOBAL);
    const char *home = getenv("JAVA_HOME");
    if (!h && home && home[0]) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/lib/server/libjvm.so", home);
        h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    }
    if (!h) h = dlopen("libjvm.so", RTLD_NOW | RTLD_GLOBAL);
    return h;
}

static void m3cvc_jvm_start(void) {
    Dl_info self;
    if (!dladdr((void *)&m3cvc_jvm_start, &self) || !self.dli_fname) {
        m3cvc_jvm_fail("cannot locate libm3cvcbridge.so itself%s", "");
        return;
    }
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s", self.dli_fname);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0; else snprintf(dir, sizeof(dir), ".");

    void *jvm = m3cvc_open_libjvm();
    if (!jvm) {
        m3cvc_jvm_fail("cannot load libjvm.so (tried %s, $JAVA_HOME/lib/server and the library path)",
                       M3CVC_BUILD_LIBJVM[0] ? M3CVC_BUILD_LIBJVM : "no build-time JDK");
        return;
    }
    typedef jint (*created_fn)(JavaVM **, jsize, jsize *);
    typedef jint (*create_fn)(JavaVM **, void **, void *);
    created_fn created = (created_fn)dlsym(jvm, "JNI_GetCreatedJavaVMs");
    create_fn create = (create_fn)dlsym(jvm, "JNI_CreateJavaVM");
    if (!created || !create) {
        m3cvc_jvm_fail("libjvm.so lacks JNI_CreateJavaVM%s", "");
        return;
    }
    /* The codec reads these at start-up; without them ONNX Runtime and DJL try the network. */
    setenv("ORT_DISABLE_TELEMETRY", "1", 0);
    setenv("DJL_OFFLINE", "true", 0);

    JavaVM *vm = NULL;
    jsize n = 0;
    JNIEnv *env = NULL;
    int attached = 0;
    if (created(&vm, 1, &n) == JNI_OK && n > 0) {
        /* A JVM runs already (the host is Java): use it; the bridge's classes must be on its class path. */
        if (vm->GetEnv((void **)&env, JNI_VERSION_1_8) != JNI_OK) {
            if (vm->AttachCurrentThreadAsDaemon((void **)&env, NULL) != JNI_OK) {
                m3cvc_jvm_fail("cannot attach to the running JVM%s", "");
                return;
            }
            attached = 1;
        }
    } else {
        static char cp[4200], libpath[4200];
        snprintf(cp, sizeof(cp), "-Djava.class.path=%s/m3cvc-native-bridge.jar", dir);
        snprintf(libpath, sizeof(libpath), "-Djava.library.path=%s", dir);
        JavaVMOption opts[64];
        int k = 0;
        opts[k++].optionString = cp;
        opts[k++].optionString = libpath;
        /* Load this very file (already mapped) rather than a copy unpacked from a jar: one JavaCPP_vm. */
        opts[k++].optionString = (char *)"-Dorg.bytedeco.javacpp.pathsFirst=true";
        opts[k++].optionString = (char *)"-Xrs";
        opts[k++].optionString = (char *)"-Xss4m";
        static char extra[4096];
        const char *user = getenv("M3CVC_JVM_OPTIONS");
        if (user) {
            snprintf(extra, sizeof(extra), "%s", user);
            for (char *tok = strtok(extra, " \t\n"); tok && k < 64; tok = strtok(NULL, " \t\n")) {
                opts[k++].optionString = tok;
            }
        }
        for (int i = 0; i < k; i++) opts[i].extraInfo = NULL;
        JavaVMInitArgs args;
        args.version = JNI_VERSION_1_8;
        args.nOptions = k;
        args.options = opts;
        args.ignoreUnrecognized = JNI_FALSE;
        if (create(&vm, (void **)&env, &args) != JNI_OK) {
            m3cvc_jvm_fail("JNI_CreateJavaVM failed (options: %s)", user ? user : "none");
            return;
        }
    }
    /* Initialising NativeBridge runs Loader.load(), whose JNI_OnLoad sets JavaCPP's VM for the callbacks. */
    jclass c = env->FindClass("org/m3cvc/bridge/NativeBridge");
    jmethodID abi = c ? env->GetStaticMethodID(c, "abiVersion", "()I") : NULL;
    jint v = abi ? env->CallStaticIntMethod(c, abi) : -1;
    if (env->ExceptionCheck()) {
        jthrowable t = env->ExceptionOccurred();
        env->ExceptionClear();
        jclass tc = env->GetObjectClass(t);
        jmethodID ts = env->GetMethodID(tc, "toString", "()Ljava/lang/String;");
        jstring s = ts ? (jstring)env->CallObjectMethod(t, ts) : NULL;
        const char *m = s ? env->GetStringUTFChars(s, NULL) : NULL;
        snprintf(m3cvc_jvm_error, sizeof(m3cvc_jvm_error), "cannot start the codec's classes from %s/m3cvc-native-bridge.jar: %s",
                 dir, m ? m : "unknown error");
        if (m) env->ReleaseStringUTFChars(s, m);
        env->ExceptionClear();
    } else if (v != M3CVC_BRIDGE_ABI_VERSION) {
        snprintf(m3cvc_jvm_error, sizeof(m3cvc_jvm_error), "the Java side of %s speaks ABI %d, the library %d", dir,
                 (int)v, M3CVC_BRIDGE_ABI_VERSION);
    } else {
        m3cvc_jvm_status = M3CVC_OK;
    }
    if (attached) vm->DetachCurrentThread();
}

/* 0 when the JVM runs, else M3CVC_ERR_JVM with the reason in err. */
static int m3cvc_jvm(char *err, int32_t errcap) {
    pthread_once(&m3cvc_jvm_once, m3cvc_jvm_start);
    if (m3cvc_jvm_status != M3CVC_OK && err && errcap > 0) snprintf(err, errcap, "%s", m3cvc_jvm_error);
    return m3cvc_jvm_status;
}

extern "C" {
JNIEXPORT int32_t m3cvc_abi_version(void) { return M3CVC_BRIDGE_ABI_VERSION; }

JNIEXPORT int64_t m3cvc_encoder_open(const char *options, int64_t *info, char *err, int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_encoder_open(options, info, err, errcap);
}

JNIEXPORT int32_t m3cvc_encoder_send_frame(int64_t enc, const uint8_t *rgb24, int32_t width, int32_t height,
                                           int32_t linesize, int64_t *timing, char *err, int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_encoder_send_frame(enc, rgb24, width, height, linesize, timing, err, errcap);
}

JNIEXPORT int32_t m3cvc_encoder_finish(int64_t enc, char *err, int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_encoder_finish(enc, err, errcap);
}

JNIEXPORT int32_t m3cvc_encoder_extradata(int64_t enc, uint8_t *buf, int32_t cap, char *err, int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_encoder_extradata(enc, buf, cap, err, errcap);
}

JNIEXPORT int32_t m3cvc_encoder_receive_packet(int64_t enc, uint8_t *buf, int32_t cap, int64_t *info, char *err,
                                               int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_encoder_receive_packet(enc, buf, cap, info, err, errcap);
}

JNIEXPORT int64_t m3cvc_decoder_open(const char *options, const uint8_t *extradata, int32_t size, int64_t *info,
                                     char *err, int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_decoder_open(options, extradata, size, info, err, errcap);
}

JNIEXPORT int32_t m3cvc_decoder_send_packet(int64_t dec, const uint8_t *data, int32_t size, int64_t pos, char *err,
                                            int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_decoder_send_packet(dec, data, size, pos, err, errcap);
}

JNIEXPORT int32_t m3cvc_decoder_receive_frame(int64_t dec, uint8_t *dst, int32_t linesize, int64_t *info, char *err,
                                              int32_t errcap) {
    int r = m3cvc_jvm(err, errcap);
    return r < 0 ? r : m3cvcj_decoder_receive_frame(dec, dst, linesize, info, err, errcap);
}

JNIEXPORT int32_t m3cvc_decoder_flush(int64_t dec) {
    int r = m3cvc_jvm(NULL, 0);
    return r < 0 ? r : m3cvcj_decoder_flush(dec);
}

JNIEXPORT int32_t m3cvc_close(int64_t handle) {
    int r = m3cvc_jvm(NULL, 0);
    return r < 0 ? r : m3cvcj_close(handle);
}
}
